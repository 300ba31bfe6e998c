using System.Security.Claims;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;
using Orleans;
using Microsoft.AspNetCore.Authentication;

namespace Commerce.Api.Security;

/// <summary>
/// Re-reads the account behind a valid token on every authenticated request: a disabled or erased
/// account is signed out at once and role changes apply at once, not when the token expires.
/// Costs one in-memory grain call per authenticated request.
/// </summary>
internal sealed class CurrentAccountClaimsTransformation(IGrainFactory grains) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true } identity || principal.UserIdOrNull() is not { } userId) return principal;
        UserProfile profile;
        try
        {
            profile = await grains.GetGrain<IUserGrain>(userId).GetProfileAsync();
        }
        catch (NotFoundException)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        if (profile.Status != UserStatus.Active) return new ClaimsPrincipal(new ClaimsIdentity());
        return ClaimsPrincipalExtensions.ForUser(userId, profile.Email, profile.Roles, identity.AuthenticationType ?? "Bearer");
    }
}
