namespace Commerce.Postgres.Streams;

/// <summary>
/// The appends of one flush, grouped by partition, and the statement's array parameters built
/// from them. Reused by its worker from flush to flush.
/// </summary>
internal sealed class FlushBatch
{
    private readonly List<List<PendingAppend>> _spareLists = [];

    public List<PendingAppend> Appends { get; } = [];

    public List<(int Partition, List<PendingAppend> Appends)> ByPartition { get; } = [];

    /// <summary>The distinct partitions, ascending (the order their rows are locked in), and their event counts.</summary>
    public List<int> Partitions { get; } = [];

    public List<int> PartitionCounts { get; } = [];

    public List<int> EventPartitions { get; } = [];

    public List<int> Offsets { get; } = [];

    public List<string> Namespaces { get; } = [];

    public List<string> Keys { get; } = [];

    public List<string> EventTypes { get; } = [];

    public List<ReadOnlyMemory<byte>> Payloads { get; } = [];

    /// <summary>The result of the flush: the first sequence claimed in each partition.</summary>
    public Dictionary<int, long> FirstSequences { get; } = [];

    public void Add(PartitionQueue queue, int count)
    {
        var appends = RentList();
        for (var i = 0; i < count; i++) appends.Add(queue.Appends[i]);
        queue.Appends.RemoveRange(0, count);
        Appends.AddRange(appends);
        ByPartition.Add((queue.Partition, appends));
    }

    public void AddOne(int partition, PendingAppend append)
    {
        var appends = RentList();
        appends.Add(append);
        Appends.Add(append);
        ByPartition.Add((partition, appends));
    }

    public void FillArrays()
    {
        ByPartition.Sort((a, b) => a.Partition.CompareTo(b.Partition));
        foreach (var (partition, appends) in ByPartition)
        {
            var offset = 0;
            foreach (var append in appends)
            {
                if (append.Batch is { } events)
                {
                    foreach (var e in events) AddRow(partition, offset++, append, e.EventType, e.Utf8JsonPayload);
                }
                else
                {
                    AddRow(partition, offset++, append, append.EventType, append.Payload);
                }
            }
            Partitions.Add(partition);
            PartitionCounts.Add(offset);
        }
    }

    public void Clear()
    {
        foreach (var (_, appends) in ByPartition)
        {
            appends.Clear();
            _spareLists.Add(appends);
        }
        ByPartition.Clear();
        Appends.Clear();
        Partitions.Clear();
        PartitionCounts.Clear();
        EventPartitions.Clear();
        Offsets.Clear();
        Namespaces.Clear();
        Keys.Clear();
        EventTypes.Clear();
        Payloads.Clear();
        FirstSequences.Clear();
    }

    private void AddRow(int partition, int offset, PendingAppend append, string eventType, ReadOnlyMemory<byte> payload)
    {
        EventPartitions.Add(partition);
        Offsets.Add(offset);
        Namespaces.Add(append.Namespace);
        Keys.Add(append.Key);
        EventTypes.Add(eventType);
        Payloads.Add(payload);
    }

    private List<PendingAppend> RentList()
    {
        if (_spareLists.Count == 0) return [];
        var list = _spareLists[^1];
        _spareLists.RemoveAt(_spareLists.Count - 1);
        return list;
    }
}
