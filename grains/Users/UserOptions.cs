namespace Commerce.Grains.Users;

/// <summary>Tunables of the user grains. Bound from the <c>Users</c> configuration section.</summary>
public sealed class UserOptions
{
    public const string Section = "Users";

    /// <summary>
    /// PBKDF2 iterations of the password hash. Default 100,000 (ASP.NET Core Identity's default for
    /// HMAC-SHA512): about 50 ms per hash on one core, cheap for a login, costly for an offline guess.
    /// Tests lower it.
    /// </summary>
    public int PasswordHashIterations { get; set; } = 100_000;

    /// <summary>Wrong passwords in a row before sign-in is locked. Default 5.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long sign-in stays locked after <see cref="MaxFailedSignIns"/>. Default 5 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most addresses one account may save. Default 20.</summary>
    public int MaxAddresses { get; set; } = 20;

    /// <summary>Most payment methods one account may save. Default 10.</summary>
    public int MaxPaymentMethods { get; set; } = 10;

    /// <summary>Shortest password accepted. Default 10 characters.</summary>
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>
    /// The AES-256 key (32 bytes, base64) that encrypts phone numbers, addresses (saved ones and orders'
    /// shipping addresses) and payment tokens in grain state; every silo of a cluster needs the same one. Default none: a fixed development key
    /// is used and a warning logged. Set <c>Users:EncryptionKey</c> (or COMMERCE_USERS__ENCRYPTIONKEY) for anything real.
    /// </summary>
    public string? EncryptionKey { get; set; }
}
