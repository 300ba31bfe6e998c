namespace Commerce.Postgres.Streams;

/// <summary>
/// Remembers that an append to one partition was announced since its receiver last read: set by the
/// <see cref="StreamAppendListener"/> (possibly many times between two reads), consumed by the
/// receiver right before it reads, so an announcement that arrives during a read is kept for the next.
/// </summary>
internal sealed class PartitionWakeup
{
    private int _pending;

    public void Set() => Volatile.Write(ref _pending, 1);

    /// <summary>True, and forgets it, when an append was announced since the last call.</summary>
    public bool Consume() => Interlocked.Exchange(ref _pending, 0) == 1;
}
