using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Users;
using Orleans;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Apis;

/// <summary>Registration, sign-in and token refresh. Rate-limited per client against password guessing.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/auth").WithTags("Auth").RequireRateLimiting(ClientRateLimiting.AuthPolicy);
        auth.MapPost("/register", RegisterAsync).WithName("Register").WithSummary("Creates a customer account.");
        auth.MapPost("/login", LoginAsync).WithName("Login")
            .WithSummary("Signs in with e-mail and password; returns a bearer access token and a refresh token. A guest cart named by the X-Cart-Session header is merged into the account's cart.");
        auth.MapPost("/refresh", RefreshAsync).WithName("RefreshToken").WithSummary("Exchanges a refresh token for new tokens.");
        return routes;
    }

    public sealed record RegisterRequest(string Email, string Password, string DisplayName, string? Phone = null);

    public sealed record LoginRequest(string Email, string Password);

    public sealed record RefreshRequest(string RefreshToken);

    internal static async Task<Created<UserProfile>> RegisterAsync(RegisterRequest request, IGrainFactory grains)
    {
        var userId = Guid.NewGuid().ToString("N");
        var profile = await grains.GetGrain<IUserGrain>(userId).RegisterAsync(new UserRegistration(request.Email, request.Password, request.DisplayName, request.Phone, [UserRoles.Customer]));
        return TypedResults.Created("/me", profile);
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, IGrainFactory grains, HttpContext http)
    {
        Edge.OptionalText("email", request.Email, UserInputRulesLimits.MaxEmailLength);
        var userId = await grains.GetGrain<IUserDirectoryGrain>(UserEmail.Normalize(request.Email)).GetUserIdAsync();
        var profile = userId is null ? null : await grains.GetGrain<IUserGrain>(userId).VerifyPasswordAsync(request.Password);
        if (profile is null) return WrongCredentials();
        await GuestCarts.MergeAtSignInAsync(grains, http, profile.UserId);
        return TypedResults.SignIn(
            ClaimsPrincipalExtensions.ForUser(profile.UserId, profile.Email, profile.Roles, BearerTokenDefaults.AuthenticationScheme),
            authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, IGrainFactory grains)
    {
        var ticket = bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires || ticket.Principal.UserIdOrNull() is not { } userId) return WrongCredentials();
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfileAsync();
        if (profile.Status != UserStatus.Active) return WrongCredentials();
        return TypedResults.SignIn(
            ClaimsPrincipalExtensions.ForUser(profile.UserId, profile.Email, profile.Roles, BearerTokenDefaults.AuthenticationScheme),
            authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    private static ProblemHttpResult WrongCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Wrong e-mail or password, or the account cannot sign in.");

    private static class UserInputRulesLimits
    {
        public const int MaxEmailLength = 254;
    }
}
