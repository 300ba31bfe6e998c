namespace Commerce.GrainInterfaces.Users;

[GenerateSerializer, Immutable, Alias("commerce.UserPage")]
public sealed record UserPage(IReadOnlyList<UserSummary> Items, int Total);
