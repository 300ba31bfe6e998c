using Orleans.Configuration;

namespace Commerce.Silo;

/// <summary>
/// Membership settings under which a killed silo is declared dead, and its grains answer again from the survivors,
/// in a few seconds instead of Orleans' default of about a minute in the worst case, without suspecting silos that
/// are only busy. Each can still be overridden under the <c>Membership</c> section (e.g. <c>--Membership:ProbeTimeout=00:00:02</c>).
/// </summary>
internal static class MembershipDefaults
{
    public static void Apply(ClusterMembershipOptions o)
    {
        // A probe every second; three missed in a row make a suspicion. A kill -9 refuses the connection at once,
        // so the misses come one per second; a busy silo still answers within the adaptive timeout.
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.MaxProbeTimeout = TimeSpan.FromSeconds(3);
        o.NumMissedProbesLimit = 3;
        // Survivors learn of the death by gossip at once; the table refresh is the fallback.
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    }
}
