namespace Commerce.GrainInterfaces.Users;

/// <summary>A new account. <paramref name="Roles"/> empty means a customer.</summary>
[GenerateSerializer, Immutable, Alias("commerce.UserRegistration")]
public sealed record UserRegistration(string Email, string Password, string DisplayName, string? Phone, IReadOnlyList<string> Roles);
