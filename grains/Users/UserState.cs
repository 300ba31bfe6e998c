using Commerce.GrainInterfaces.Users;

namespace Commerce.Grains.Users;

/// <summary>The persisted account. Fields named Protected* hold <see cref="SensitiveDataProtector"/> ciphertext.</summary>
public sealed class UserState
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PBKDF2 format (algorithm, iterations and salt inside); null after erasure.</summary>
    public string? PasswordHash { get; set; }

    public string? ProtectedPhone { get; set; }

    public List<string> Roles { get; set; } = [];

    public UserStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int NextId { get; set; }

    public List<StoredAddress> Addresses { get; set; } = [];

    public List<StoredPaymentMethod> PaymentMethods { get; set; } = [];
}
