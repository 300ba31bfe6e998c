namespace Commerce.GrainInterfaces.Payments;

/// <summary>A user's payment risk history, newest last.</summary>
[GenerateSerializer, Immutable, Alias("commerce.RiskProfile")]
public sealed record RiskProfile(string UserId, IReadOnlyList<RiskAttempt> Attempts);
