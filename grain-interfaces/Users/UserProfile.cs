namespace Commerce.GrainInterfaces.Users;

public sealed record UserProfile(
    string UserId,
    string Email,
    string DisplayName,
    string? Phone,
    IReadOnlyList<string> Roles,
    UserStatus Status,
    DateTimeOffset CreatedAt);
