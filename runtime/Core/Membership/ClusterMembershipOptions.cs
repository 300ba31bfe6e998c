namespace Commerce.Runtime.Membership;

/// <summary>
/// Tunables of the membership protocol: heartbeats to the table, probes between silos, votes to
/// declare a silent silo dead. The defaults declare a killed silo dead within about 5 seconds
/// (3 missed probes of 1 s each, from 2 of its probers) and every other silo sees it within one more
/// table refresh, so its grains move well inside 10 s. Checked by <see cref="ClusterMembershipOptionsValidator"/>.
/// </summary>
public sealed class ClusterMembershipOptions
{
    /// <summary>
    /// How often a silo probes each silo it monitors. Default 1 s: detection takes
    /// <see cref="NumMissedProbesLimit"/> of these, and a probe is one small message, so a short
    /// period costs almost nothing while keeping a dead silo's grains unreachable only briefly.
    /// </summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a probe waits for its answer before it counts as missed. Default 1 s: a healthy silo
    /// answers in milliseconds, so only a stalled or unreachable one misses; a full GC pause of a
    /// second is survived because one missed probe alone suspects nobody.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many probes in a row a silo must miss before its prober votes it dead. Default 3: one
    /// lost packet or pause is not a death; three in a row is.
    /// </summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// How many other silos each silo probes: its successors in the ring of active silos ordered by
    /// address (plus any silo someone already suspects). Default 3: every silo is watched by three,
    /// enough to gather <see cref="NumVotesForDeathDeclaration"/> votes even when one prober is
    /// itself failing, at a cost that does not grow with the cluster.
    /// </summary>
    public int NumProbedSilos { get; set; } = 3;

    /// <summary>
    /// How many fresh votes declare a silo dead; in a cluster with fewer other active silos, all of
    /// them (so with two silos one vote suffices). Default 2: one silo with a broken network cannot
    /// kill a healthy one on its own. Must not exceed <see cref="NumProbedSilos"/>.
    /// </summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>
    /// How long a suspicion vote counts. Default 3 minutes: long enough for the other probers of the
    /// suspect to add theirs, short enough that votes from a transient hiccup do not add up to a
    /// death hours later.
    /// </summary>
    public TimeSpan DeathVoteExpiration { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How often a silo writes its i-am-alive time into the table. Default 5 s. Liveness is decided by
    /// probes, not by this; it lets a joining silo skip rows nobody has refreshed for a while (see
    /// <see cref="NumMissedIAmAliveLimit"/>) and shows operators which rows are current.
    /// </summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many i-am-alive periods a row may miss before it counts as stale: a joining silo does
    /// not wait for a stale silo to answer, and every silo probes stale silos in addition to its
    /// ring successors. Default 2 (10 s with the default period).
    /// </summary>
    public int NumMissedIAmAliveLimit { get; set; } = 2;

    /// <summary>
    /// How often a silo reads the whole table when no change notification arrived. Default 1 s;
    /// tables that notify (PostgreSQL LISTEN/NOTIFY, in-memory) wake the refresh at once, so this is
    /// the fallback when a notification is lost, and the bound on how stale a view can be.
    /// </summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a joining silo waits for every active silo to answer its probes (or to be declared
    /// dead by the others) before it gives up, marks itself dead and fails to start. Default 60 s.
    /// Active silos declare a row that has been joining longer than this dead.
    /// </summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a silo deletes defunct rows (see <see cref="DefunctSiloExpiration"/>). Default 1 hour.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a dead silo's row stays in the table, counted from its last i-am-alive, before it is
    /// deleted. Default 7 days: long enough for post-mortems and for a stale incarnation to find
    /// its own death, short enough that the table of an autoscaled cluster stays small.
    /// </summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a row may go without an i-am-alive before it counts as stale.</summary>
    public TimeSpan AllowedIAmAliveMissPeriod => IAmAlivePeriod * NumMissedIAmAliveLimit;
}
