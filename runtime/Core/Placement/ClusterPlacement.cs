using Commerce.Runtime.Membership;

namespace Commerce.Runtime.Placement;

/// <summary>
/// Where grains live under the current membership view: rendezvous hashing over the active silos,
/// recomputed when a newer view arrives. Used by silos (to route calls and to know what they own)
/// and by clients (to route calls straight to owners).
/// </summary>
public sealed class ClusterPlacement : IGrainOwnership
{
    private readonly SiloAddress? _self;
    private volatile RendezvousPlacement _placement;

    /// <param name="membership">The view source.</param>
    /// <param name="self">This silo, or null in a client, which owns nothing.</param>
    public ClusterPlacement(IClusterMembership membership, SiloAddress? self)
    {
        _self = self;
        _placement = new RendezvousPlacement(membership.CurrentView);
        membership.ViewChanged += OnViewChanged;
    }

    public event Action? OwnershipChanged;

    public ClusterMembershipView View => _placement.View;

    /// <summary>The placement of the current view: a new instance whenever the view changes, so routes computed under it can tell they are stale.</summary>
    internal RendezvousPlacement Current => _placement;

    /// <summary>The active silo that owns <paramref name="grainId"/>; null when no silo is active.</summary>
    public SiloAddress? OwnerOf(GrainId grainId) => _placement.OwnerOf(grainId);

    public bool IsLocallyOwned(GrainId grainId) => _self is not null && _placement.OwnerOf(grainId) == _self;

    private void OnViewChanged(ClusterMembershipView view)
    {
        lock (this)
        {
            if (view.Version <= _placement.View.Version) return;
            _placement = new RendezvousPlacement(view);
        }

        OwnershipChanged?.Invoke();
    }
}
