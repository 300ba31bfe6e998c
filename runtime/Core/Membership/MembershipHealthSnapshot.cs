using System.Collections.Immutable;

namespace Commerce.Runtime.Membership;

/// <summary>The failure detector's state as one silo sees it, for the dashboard and diagnostics.</summary>
/// <param name="Self">This silo, or null before it joined.</param>
/// <param name="SelfStatus">This silo's status in the last table read.</param>
/// <param name="View">The current view.</param>
/// <param name="Entries">The rows of the last table read, with i-am-alive times and suspicion votes.</param>
/// <param name="Probes">What this silo's probes of the silos it monitors found.</param>
/// <param name="Time">When the snapshot was taken.</param>
public sealed record MembershipHealthSnapshot(
    SiloAddress? Self,
    SiloStatus SelfStatus,
    ClusterMembershipView View,
    ImmutableArray<MembershipEntry> Entries,
    ImmutableArray<SiloProbeHealth> Probes,
    DateTimeOffset Time);
