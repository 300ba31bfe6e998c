using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Reconciliation;

/// <summary>The last reconciliation report.</summary>
[GenerateSerializer, Alias("commerce.state.ReconciliationState")]
public sealed class ReconciliationState
{
    [Id(0)]
    public ReconciliationReport? LastReport { get; set; }
}
