namespace Commerce.GrainInterfaces.Users;

/// <summary>The canonical form of an e-mail address, used as the <see cref="IUserDirectoryGrain"/> key.</summary>
public static class UserEmail
{
    /// <summary>Trimmed and lower-cased (invariant): <c>Ann@Example.COM </c> and <c>ann@example.com</c> are one account.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
