namespace Commerce.GrainInterfaces.Payments;

/// <summary>The result of matching the gateway's records with our payments for a period.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ReconciliationReport")]
public sealed record ReconciliationReport(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset RanAt,
    int Matched,
    IReadOnlyList<ReconciliationMismatch> Mismatches);
