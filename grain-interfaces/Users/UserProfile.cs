namespace Commerce.GrainInterfaces.Users;

[GenerateSerializer, Immutable, Alias("commerce.UserProfile")]
public sealed record UserProfile(
    string UserId,
    string Email,
    string DisplayName,
    string? Phone,
    IReadOnlyList<string> Roles,
    UserStatus Status,
    DateTimeOffset CreatedAt);
