using System.Collections.Immutable;
using Commerce.Runtime.Membership;

namespace Commerce.Runtime.Placement;

/// <summary>
/// Rendezvous (highest random weight) hashing over the active silos: a grain lives on the silo
/// with the highest weight(silo, grain). Every silo and client computes the same owner from the
/// same view with no directory lookup, and when a silo joins or leaves only the grains it wins or
/// held move.
/// </summary>
internal sealed class RendezvousPlacement
{
    private readonly ImmutableArray<SiloAddress> _silos;
    private readonly ulong[] _seeds;

    public RendezvousPlacement(ClusterMembershipView view)
    {
        View = view;
        _silos = view.ActiveSilos;
        _seeds = new ulong[_silos.Length];
        for (var i = 0; i < _silos.Length; i++) _seeds[i] = StableHash.Of(_silos[i].ToString());
    }

    public ClusterMembershipView View { get; }

    /// <summary>The owner of <paramref name="grainId"/>, or null when no silo is active.</summary>
    public SiloAddress? OwnerOf(GrainId grainId)
    {
        if (_silos.Length <= 1) return _silos.IsEmpty ? null : _silos[0];
        var grainHash = StableHash.Of(grainId);
        var best = 0;
        var bestWeight = 0UL;
        for (var i = 0; i < _seeds.Length; i++)
        {
            var weight = StableHash.Mix(_seeds[i] ^ grainHash);
            if (weight > bestWeight || i == 0)
            {
                best = i;
                bestWeight = weight;
            }
        }

        return _silos[best];
    }
}
