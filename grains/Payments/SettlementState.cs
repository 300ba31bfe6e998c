using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments;

/// <summary>Settlement batches by day (yyyy-MM-dd).</summary>
[GenerateSerializer, Alias("commerce.state.SettlementState")]
public sealed class SettlementState
{
    [Id(0)]
    public Dictionary<string, SettlementBatch> Batches { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// By day, the payments a run is settling (written before their movements are marked, removed with the batch's
    /// write), so a run that died in between finds the movements it marked again.
    /// </summary>
    [Id(1)]
    public Dictionary<string, List<string>> InProgress { get; set; } = new(StringComparer.Ordinal);
}
