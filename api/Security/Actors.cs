using System.Security.Claims;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;

namespace Commerce.Api.Security;

/// <summary>How the API names who acted, in the grains' transition histories: <c>user:{id}</c> or <c>admin:{id}</c> for staff.</summary>
internal static class Actors
{
    public static string Of(ClaimsPrincipal user) =>
        UserRoles.Staff.Any(user.IsInRole) ? ActorNames.Admin(user.UserId()) : ActorNames.User(user.UserId());
}
