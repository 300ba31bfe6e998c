namespace Commerce.GrainInterfaces.Users;

/// <summary>A row of the admin user listing (no sensitive fields).</summary>
[GenerateSerializer, Immutable, Alias("commerce.UserSummary")]
public sealed record UserSummary(string UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, UserStatus Status, DateTimeOffset CreatedAt);
