namespace Commerce.GrainInterfaces.Users;

/// <summary>Filters of the admin user listing; null filters match everything. Newest first.</summary>
[GenerateSerializer, Immutable, Alias("commerce.UserQuery")]
public sealed record UserQuery(string? EmailContains, string? Role, UserStatus? Status, int Offset, int Limit);
