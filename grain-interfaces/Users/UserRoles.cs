namespace Commerce.GrainInterfaces.Users;

/// <summary>The roles an account may hold. Customers hold none of the staff roles.</summary>
public static class UserRoles
{
    public const string Customer = "customer";
    public const string Admin = "admin";
    public const string Merchandiser = "merchandiser";
    public const string Support = "support";
    public const string Ops = "ops";

    public static IReadOnlyList<string> All { get; } = [Customer, Admin, Merchandiser, Support, Ops];

    public static IReadOnlyList<string> Staff { get; } = [Admin, Merchandiser, Support, Ops];
}
