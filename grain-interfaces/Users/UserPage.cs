namespace Commerce.GrainInterfaces.Users;

public sealed record UserPage(IReadOnlyList<UserSummary> Items, int Total);
