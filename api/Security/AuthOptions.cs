namespace Commerce.Api.Security;

/// <summary>Tokens and the initial staff account. Bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Lifetime of an access token. Default 1 hour; roles and account status are re-checked on every request anyway.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of a refresh token. Default 14 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The initial admin, created at start-up when missing.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
}

public sealed class BootstrapAdminOptions
{
    /// <summary>Default <c>admin@commerce.local</c>.</summary>
    public string Email { get; set; } = "admin@commerce.local";

    /// <summary>
    /// Default none: a cluster client creates no admin; the embedded demo generates a random password
    /// and prints it. Set it (e.g. COMMERCE_AUTH__BOOTSTRAPADMIN__PASSWORD) to choose.
    /// </summary>
    public string? Password { get; set; }
}
