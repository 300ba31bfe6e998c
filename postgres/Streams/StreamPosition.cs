namespace Commerce.Postgres.Streams;

/// <summary>
/// Where an event sits in the log: its partition and its sequence number there. Sequences start at
/// 1 in each partition and grow by one per event in commit order; 0 means "before the first event".
/// Positions order by partition, then sequence.
/// </summary>
public readonly record struct StreamPosition(int Partition, long Sequence) : IComparable<StreamPosition>
{
    public int CompareTo(StreamPosition other) =>
        Partition != other.Partition ? Partition.CompareTo(other.Partition) : Sequence.CompareTo(other.Sequence);

    public override string ToString() => $"{Partition}:{Sequence}";
}
