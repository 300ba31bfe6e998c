using System.Collections.Immutable;

namespace Commerce.Runtime.Membership;

/// <summary>
/// An immutable snapshot of the membership, versioned by the table's version so a newer view can
/// always be told from an older one. Placement uses <see cref="ActiveSilos"/>.
/// </summary>
public sealed class ClusterMembershipView
{
    public ClusterMembershipView(long version, IEnumerable<ClusterMember> members)
    {
        Version = version;
        Members = members.OrderBy(m => m.Address).ToImmutableArray();
        ActiveSilos = Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Address).ToImmutableArray();
    }

    public static ClusterMembershipView Empty { get; } = new(0, []);

    public long Version { get; }

    public ImmutableArray<ClusterMember> Members { get; }

    /// <summary>Active silos in a stable order.</summary>
    public ImmutableArray<SiloAddress> ActiveSilos { get; }

    public SiloStatus StatusOf(SiloAddress silo) => Members.FirstOrDefault(m => m.Address == silo)?.Status ?? SiloStatus.None;

    public override string ToString() => $"v{Version}: {string.Join(", ", Members.Select(m => $"{m.Address} {m.Status}"))}";
}
