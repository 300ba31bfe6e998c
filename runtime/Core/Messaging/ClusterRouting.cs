using Commerce.Runtime.Membership;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Placement;

namespace Commerce.Runtime.Messaging;

/// <summary>
/// What a clustered silo adds to dispatch: who owns a grain under the current view, and the
/// connections that carry calls to other owners.
/// </summary>
internal sealed class ClusterRouting(ClusterPlacement placement, ConnectionManager connections, LocalSiloDetails local)
{
    /// <summary>How many times a request may be forwarded while silos disagree about its owner.</summary>
    public const int MaxForwardCount = 2;

    public ClusterPlacement Placement { get; } = placement;

    public ConnectionManager Connections { get; } = connections;

    public SiloAddress Self { get; } = local.Address;

    /// <summary>The silo that should run the call under <paramref name="placement"/> when it is not this one; throws when no silo is active.</summary>
    public SiloAddress? RemoteOwnerOf(RendezvousPlacement placement, GrainId grainId)
    {
        var owner = placement.OwnerOf(grainId) ?? throw new SiloUnavailableException($"No silo is active to run {grainId}.");
        return owner == Self ? null : owner;
    }
}
