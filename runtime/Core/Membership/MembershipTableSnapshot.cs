using System.Collections.Immutable;

namespace Commerce.Runtime.Membership;

/// <summary>
/// The whole membership table as read at one moment: its rows and its version. Every successful
/// insert or update increments the version, so a write conditional on it succeeds only if nothing
/// changed since this read.
/// </summary>
public sealed class MembershipTableSnapshot
{
    public MembershipTableSnapshot(long version, IEnumerable<MembershipRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Version = version;
        Rows = rows.OrderBy(r => r.Address).ToImmutableArray();
    }

    /// <summary>No rows, version 0: what a table that was never written reads as.</summary>
    public static MembershipTableSnapshot Empty { get; } = new(0, []);

    public long Version { get; }

    /// <summary>Rows ordered by address.</summary>
    public ImmutableArray<MembershipRow> Rows { get; }

    public MembershipRow? Find(SiloAddress silo) => Rows.FirstOrDefault(r => r.Address == silo);

    public ClusterMembershipView ToView() => new(Version, Rows.Select(r => r.Entry.ToClusterMember()));

    public override string ToString() => $"v{Version}: {string.Join(", ", Rows.Select(r => $"{r.Address} {r.Status}"))}";
}
