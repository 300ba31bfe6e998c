using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Commerce.Api.Security;

/// <summary>
/// A valid token whose account was disabled or erased is turned anonymous by
/// <see cref="CurrentAccountClaimsTransformation"/>; authorization must then challenge (401), not forbid (403).
/// </summary>
internal sealed class SignedOutAccountResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true) authorizeResult = PolicyAuthorizationResult.Challenge();
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
