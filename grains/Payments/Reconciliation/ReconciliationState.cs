using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Reconciliation;

/// <summary>The last reconciliation report.</summary>
public sealed class ReconciliationState
{
    public ReconciliationReport? LastReport { get; set; }
}
