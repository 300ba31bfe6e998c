using Commerce.GrainInterfaces.Users;

namespace Commerce.Grains.Users;

/// <summary>The persisted account. Fields named Protected* hold <see cref="Commerce.GrainInterfaces.Common.SensitiveDataProtector"/> ciphertext.</summary>
[GenerateSerializer, Alias("commerce.state.UserState")]
public sealed class UserState
{
    [Id(0)]
    public string Email { get; set; } = "";

    [Id(1)]
    public string DisplayName { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PBKDF2 format (algorithm, iterations and salt inside); null after erasure.</summary>
    [Id(2)]
    public string? PasswordHash { get; set; }

    [Id(3)]
    public string? ProtectedPhone { get; set; }

    [Id(4)]
    public List<string> Roles { get; set; } = [];

    [Id(5)]
    public UserStatus Status { get; set; }

    [Id(6)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(7)]
    public int FailedSignIns { get; set; }

    [Id(8)]
    public DateTimeOffset? LockedUntil { get; set; }

    [Id(9)]
    public int NextId { get; set; }

    [Id(10)]
    public List<StoredAddress> Addresses { get; set; } = [];

    [Id(11)]
    public List<StoredPaymentMethod> PaymentMethods { get; set; } = [];
}
