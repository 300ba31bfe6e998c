namespace Commerce.Postgres.Streams;

/// <summary>One partition's queue in this process.</summary>
internal sealed class PartitionQueue(int partition)
{
    public int Partition { get; } = partition;

    public List<PendingAppend> Appends { get; } = [];

    /// <summary>Events in <see cref="Appends"/> (a batch append counts all its events).</summary>
    public int Events { get; set; }

    /// <summary>A flush holds this partition; what queues meanwhile waits for the next one.</summary>
    public bool Busy { get; set; }
}
