using System.Collections.Immutable;

namespace Commerce.Runtime.Membership;

/// <summary>One silo's row in the membership table.</summary>
/// <param name="Address">Its identity; the row's key.</param>
/// <param name="Status">Its state. <see cref="SiloStatus.Dead"/> is final: tables refuse to change a dead row.</param>
/// <param name="SiloName">A name for logs and the dashboard.</param>
/// <param name="HostName">The machine it runs on.</param>
/// <param name="GatewayPort">Where cluster clients connect; 0 when it takes no clients.</param>
/// <param name="StartTime">When it registered.</param>
/// <param name="IAmAliveTime">When it last wrote that it is alive.</param>
/// <param name="Suspicions">The votes other silos cast that it is dead, oldest first.</param>
public sealed record MembershipEntry(
    SiloAddress Address,
    SiloStatus Status,
    string SiloName,
    string HostName,
    int GatewayPort,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    ImmutableArray<SuspicionVote> Suspicions)
{
    /// <summary>The votes younger than <paramref name="expiration"/> at <paramref name="now"/>.</summary>
    public ImmutableArray<SuspicionVote> FreshVotes(DateTimeOffset now, TimeSpan expiration) =>
        Suspicions.IsDefaultOrEmpty ? [] : Suspicions.Where(v => now - v.Time < expiration).ToImmutableArray();

    /// <summary>Whether the row missed its i-am-alive updates for longer than <paramref name="allowed"/>.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan allowed) => now - IAmAliveTime > allowed;

    public ClusterMember ToClusterMember() => new(Address, Status, SiloName, GatewayPort);
}
