using System.Security.Claims;
using Commerce.Api.Auditing;
using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Audit;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>Staff administration of accounts: support may look, only admins change anything. Every change is audited.</summary>
public static class AdminUsersApi
{
    /// <summary>Largest page of the listing.</summary>
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/admin/users").WithTags("Admin: users")
            .RequireAuthorization(Policies.Support).AddEndpointFilter<AdminAuditFilter>();
        users.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Accounts, newest first, filtered by e-mail fragment, role or status.");
        users.MapGet("/{userId}", GetAsync).WithName("GetUser").WithSummary("One account's profile.");
        users.MapPost("/", CreateStaffAsync).WithName("CreateStaffUser").WithSummary("Creates a staff account with the given roles.").RequireAuthorization(Policies.Admin);
        users.MapPut("/{userId}/roles", SetRolesAsync).WithName("SetUserRoles").WithSummary("Replaces an account's roles.").RequireAuthorization(Policies.Admin);
        users.MapPost("/{userId}/disable", DisableAsync).WithName("DisableUser").WithSummary("Disables sign-in; takes effect on the next request.").RequireAuthorization(Policies.Admin);
        users.MapPost("/{userId}/enable", EnableAsync).WithName("EnableUser").WithSummary("Re-enables sign-in.").RequireAuthorization(Policies.Admin);
        users.MapGet("/{userId}/export", ExportAsync).WithName("ExportUserData").WithSummary("Privacy export of an account (on the person's request). Audited.").RequireAuthorization(Policies.Admin);
        users.MapPost("/{userId}/erase", EraseAsync).WithName("EraseUser").WithSummary("Privacy erasure of an account and of its orders' shipping addresses (on the person's request).").RequireAuthorization(Policies.Admin);
        return routes;
    }

    public sealed record CreateStaffRequest(string Email, string Password, string DisplayName, IReadOnlyList<string> Roles);

    public sealed record RolesRequest(IReadOnlyList<string> Roles);

    internal static async Task<Ok<UserPage>> ListAsync(IGrainFactory grains, string? email = null, string? role = null, string? status = null, int offset = 0, int limit = 50)
    {
        var query = new UserQuery(
            Edge.OptionalText("email", email, 254), Edge.OptionalText("role", role, 32), Edge.OptionalEnum<UserStatus>("status", status),
            Edge.Range("offset", offset, 0, int.MaxValue), Edge.Range("limit", limit, 1, MaxPageSize));
        return TypedResults.Ok(await grains.GetGrain<IUserSearchGrain>(0).QueryAsync(query));
    }

    internal static async Task<Ok<UserProfile>> GetAsync(string userId, IGrainFactory grains) =>
        TypedResults.Ok(await User(grains, userId).GetProfileAsync());

    internal static async Task<Created<UserProfile>> CreateStaffAsync(CreateStaffRequest request, IGrainFactory grains)
    {
        var userId = $"staff-{Guid.NewGuid():N}";
        var profile = await grains.GetGrain<IUserGrain>(userId).RegisterAsync(new UserRegistration(request.Email, request.Password, request.DisplayName, null, request.Roles));
        return TypedResults.Created($"/admin/users/{userId}", profile);
    }

    internal static async Task<Ok<UserProfile>> SetRolesAsync(string userId, RolesRequest request, IGrainFactory grains) =>
        TypedResults.Ok(await User(grains, userId).SetRolesAsync(request.Roles));

    internal static async Task<Ok<UserProfile>> DisableAsync(string userId, IGrainFactory grains) =>
        TypedResults.Ok(await User(grains, userId).SetDisabledAsync(true));

    internal static async Task<Ok<UserProfile>> EnableAsync(string userId, IGrainFactory grains) =>
        TypedResults.Ok(await User(grains, userId).SetDisabledAsync(false));

    internal static async Task<Ok<PersonalDataExport>> ExportAsync(string userId, HttpContext http, IGrainFactory grains, ILogger<PersonalDataExport> logger)
    {
        var export = await PersonalDataExport.CollectAsync(grains, Identifiers.RequireId("userId", userId));
        await AuditTrail.RecordAsync(grains, logger, http, "ExportUserData", $"user/{userId}", AuditOutcomes.Succeeded, null);
        return TypedResults.Ok(export);
    }

    internal static async Task<NoContent> EraseAsync(string userId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await PersonalDataExport.EraseAsync(grains, Identifiers.RequireId("userId", userId), Actors.Of(user));
        return TypedResults.NoContent();
    }

    private static IUserGrain User(IGrainFactory grains, string userId) => grains.GetGrain<IUserGrain>(Identifiers.RequireId("userId", userId));
}
