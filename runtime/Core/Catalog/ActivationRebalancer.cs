using Commerce.Runtime.Placement;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Catalog;

/// <summary>
/// When the membership changes, deactivates the activations this silo no longer owns (their state
/// is written by their own deactivation logic), so their next call activates them on the new owner.
/// Stateless workers live wherever they are called and never move.
/// </summary>
internal sealed class ActivationRebalancer : IDisposable
{
    private readonly GrainRuntime _runtime;
    private readonly IGrainOwnership _ownership;
    private readonly ILogger _logger;

    public ActivationRebalancer(GrainRuntime runtime, IGrainOwnership ownership, ILogger<ActivationRebalancer> logger)
    {
        _runtime = runtime;
        _ownership = ownership;
        _logger = logger;
        ownership.OwnershipChanged += OnOwnershipChanged;
    }

    internal int Rebalance()
    {
        var moved = 0;
        foreach (var activation in _runtime.Catalog.Activations)
        {
            if (activation.GrainClass.MaxLocalWorkers is not null || _ownership.IsLocallyOwned(activation.GrainId)) continue;
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.PlacementChanged, "Another silo owns the grain now."));
            moved++;
        }

        if (moved > 0) _logger.LogInformation("Membership changed: handing {Count} activations over to their new owners", moved);
        return moved;
    }

    private void OnOwnershipChanged() => Rebalance();

    public void Dispose() => _ownership.OwnershipChanged -= OnOwnershipChanged;
}
