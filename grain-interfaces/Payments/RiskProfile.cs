namespace Commerce.GrainInterfaces.Payments;

/// <summary>A user's payment risk history, newest last.</summary>
public sealed record RiskProfile(string UserId, IReadOnlyList<RiskAttempt> Attempts);
