namespace Commerce.Runtime.Membership;

/// <summary>What one silo's probes of another have found so far.</summary>
/// <param name="Silo">The probed silo.</param>
/// <param name="ConsecutiveMissedProbes">Probes missed in a row; at <see cref="ClusterMembershipOptions.NumMissedProbesLimit"/> the prober votes.</param>
/// <param name="LastProbeTime">When the last probe was sent.</param>
/// <param name="LastProbeSucceeded">Whether the last probe was answered in time.</param>
/// <param name="LastRoundTrip">How long the last probe took (up to the timeout when it was missed).</param>
/// <param name="LastSuccessTime">When a probe was last answered; null when none ever was.</param>
public sealed record SiloProbeHealth(
    SiloAddress Silo,
    int ConsecutiveMissedProbes,
    DateTimeOffset LastProbeTime,
    bool LastProbeSucceeded,
    TimeSpan LastRoundTrip,
    DateTimeOffset? LastSuccessTime);
