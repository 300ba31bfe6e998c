using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Audit;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>The audit log of staff actions, for admins.</summary>
public static class AdminAuditApi
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapAdminAuditApi(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/admin/audit").WithTags("Admin: audit").RequireAuthorization(Policies.Admin);
        audit.MapGet("/", QueryAsync).WithName("QueryAuditLog").WithSummary("Audit entries, newest first, filtered by actor, action, target and time.");
        return routes;
    }

    internal static async Task<Ok<AuditPage>> QueryAsync(
        IGrainFactory grains, string? actor = null, string? action = null, string? target = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int offset = 0, int limit = 100)
    {
        var query = new AuditQuery(
            Edge.OptionalText("actor", actor, 200), Edge.OptionalText("action", action, 200), Edge.OptionalText("target", target, 200),
            from, to, Edge.Range("offset", offset, 0, int.MaxValue), Edge.Range("limit", limit, 1, MaxPageSize));
        return TypedResults.Ok(await grains.GetGrain<IAuditLogGrain>(0).QueryAsync(query));
    }
}
