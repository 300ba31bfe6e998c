using Commerce.GrainInterfaces.Users;
using Microsoft.AspNetCore.Authorization;

namespace Commerce.Api.Security;

/// <summary>
/// Authorization policies of the admin surface. Admins pass every staff policy; each other staff role
/// passes its own area only.
/// </summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Merchandising = "merchandising";
    public const string Support = "support";
    public const string Operations = "operations";

    /// <summary>Any staff role: reports that every staff member may read.</summary>
    public const string Staff = "staff";

    public static AuthorizationBuilder AddCommercePolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Admin, p => p.RequireRole(UserRoles.Admin))
        .AddPolicy(Merchandising, p => p.RequireRole(UserRoles.Admin, UserRoles.Merchandiser))
        .AddPolicy(Support, p => p.RequireRole(UserRoles.Admin, UserRoles.Support))
        .AddPolicy(Operations, p => p.RequireRole(UserRoles.Admin, UserRoles.Ops))
        .AddPolicy(Staff, p => p.RequireRole([.. UserRoles.Staff]));
}
