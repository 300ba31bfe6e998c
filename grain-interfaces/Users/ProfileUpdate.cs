namespace Commerce.GrainInterfaces.Users;

/// <summary>Fields to change; null leaves a field as it is, an empty phone removes it.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ProfileUpdate")]
public sealed record ProfileUpdate(string? DisplayName, string? Phone);
