namespace Commerce.Runtime.Membership;

/// <summary>
/// The shared table silos register in and agree through. Writes are compare-and-swap on two
/// counters: the table's version (any write since the writer's read makes its write fail) and the
/// row's ETag. A conflict is an answer (<see langword="false"/>), never an exception; exceptions
/// mean the table could not be reached (<see cref="MembershipTableException"/>), and callers retry
/// on their next period.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Reads every row of the cluster and the table version, consistently.</summary>
    Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts <paramref name="entry"/> if the table is still at <paramref name="expectedVersion"/> and
    /// has no row with its address (a dead identity is never inserted again), incrementing the
    /// version in the same atomic step. False on a conflict.
    /// </summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the status, suspicions and i-am-alive time of <paramref name="entry"/> (the rest of a row
    /// is fixed at insert; i-am-alive never moves back) if the table is still at
    /// <paramref name="expectedVersion"/>, the row still has <paramref name="etag"/> and is not dead,
    /// incrementing the version and the row's ETag in the same atomic step. False on a conflict.
    /// </summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, long etag, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the i-am-alive time of <paramref name="silo"/>'s row forward, unconditionally and without
    /// changing the version or the ETag, so heartbeats never conflict with votes. A dead or missing
    /// row is left as it is.
    /// </summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the dead rows whose last i-am-alive is older than <paramref name="olderThan"/> and returns
    /// how many; the version increments when any was deleted.
    /// </summary>
    Task<int> DeleteDeadRowsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);

    /// <summary>
    /// Yields a table version each time the table may have changed (at least the version written),
    /// so views refresh at once instead of on their next period. A table that cannot notify
    /// completes at once; readers then rely on the periodic refresh alone. Notifications are hints:
    /// some may be coalesced or lost, never invented.
    /// </summary>
    IAsyncEnumerable<long> WatchVersionsAsync(CancellationToken cancellationToken = default);
}
