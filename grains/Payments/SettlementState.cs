using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments;

/// <summary>Settlement batches by day (yyyy-MM-dd).</summary>
public sealed class SettlementState
{
    public Dictionary<string, SettlementBatch> Batches { get; set; } = new(StringComparer.Ordinal);
}
