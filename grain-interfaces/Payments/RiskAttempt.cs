namespace Commerce.GrainInterfaces.Payments;

/// <summary>One payment attempt of a user as the risk history keeps it.</summary>
/// <param name="Succeeded">True once captured; false while undecided.</param>
[GenerateSerializer, Immutable, Alias("commerce.RiskAttempt")]
public sealed record RiskAttempt(
    string PaymentId,
    DateTimeOffset At,
    decimal SettlementAmount,
    int Score,
    RiskDecision Decision,
    bool Declined,
    bool Succeeded,
    IReadOnlyList<string> Reasons);
