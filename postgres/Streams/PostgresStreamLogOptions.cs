using Orleans.Runtime;

namespace Commerce.Postgres.Streams;

/// <summary>Settings of <see cref="PostgresStreamLog"/>.</summary>
public sealed class PostgresStreamLogOptions
{
    /// <summary>
    /// How many partitions the log has. Default: 8, enough for pulling agents to spread over several
    /// silos. Every process writing or reading one database must use the same count (a stream's
    /// partition is its hash modulo this). The first flush of a log creates the partitions' rows and
    /// refuses to append when the database has more partitions than configured, so a process left
    /// with a smaller count after a change fails instead of misplacing streams. Changing the count
    /// needs an emptied log.
    /// </summary>
    public int PartitionCount { get; set; } = 8;

    /// <summary>
    /// The most events one flush (one transaction, over any number of partitions) writes. Default:
    /// 1,024, a bound on a transaction's size and on the latency of the events in it rather than a
    /// target: flushes size themselves by the load (60 to 110 events with 512 producers in the streams
    /// benchmark), and events beyond the bound go into another flush at once. A batch appended with
    /// <see cref="PostgresStreamLog.AppendAsync(StreamId, IReadOnlyList{StreamEventData})"/> is never split, so a flush holding one larger
    /// batch exceeds this.
    /// </summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>
    /// How long an append may wait for other appends before its flush starts. Default: 1 ms. Under
    /// load the wait never applies: events queue while their partition's previous flush is in flight,
    /// and the next flush takes them all as soon as it returns (group commit). Only events reaching
    /// idle partitions wait, so a trickle of events is still written a few at a time instead of one
    /// transaction each. Zero flushes at once.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The connection budget: how many flushes run at once, each on a connection the log opens from
    /// its data source and keeps (so the data source's pool must allow this many more). Default: 4.
    /// A flush takes every partition no other flush holds, so fewer flushes carry more events each:
    /// on the project's 2-core machine 2 to 4 keep the server busy while another flush waits for its
    /// commit, and 8 only made transactions smaller. A partition is in at most one flush of a process
    /// at a time, so more than <see cref="PartitionCount"/> buys nothing. Reads, checkpoints and
    /// retention use pooled connections of the same data source, outside this budget.
    /// </summary>
    public int MaxConcurrentFlushes { get; set; } = 4;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (PartitionCount is < 1 or > 65_536) throw new ArgumentOutOfRangeException(nameof(PartitionCount), PartitionCount, "Must be between 1 and 65,536.");
        if (MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "Must be at least 1.");
        if (MaxBatchDelay < TimeSpan.Zero || MaxBatchDelay > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchDelay), MaxBatchDelay, "Must be between zero and one second.");
        }
        if (MaxConcurrentFlushes < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentFlushes), MaxConcurrentFlushes, "Must be at least 1.");
    }
}
