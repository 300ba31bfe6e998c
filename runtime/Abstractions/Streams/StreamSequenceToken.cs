namespace Commerce.Runtime;

/// <summary>
/// The position of an event in its stream's partition of a durable provider: events of one stream
/// carry increasing sequence numbers, so a consumer can drop a redelivered duplicate by comparing
/// with the last it handled, and can resume or replay from a position.
/// </summary>
public sealed record StreamSequenceToken(int Partition, long SequenceNumber) : IComparable<StreamSequenceToken>
{
    public int CompareTo(StreamSequenceToken? other) =>
        other is null ? 1 : Partition != other.Partition ? Partition.CompareTo(other.Partition) : SequenceNumber.CompareTo(other.SequenceNumber);

    /// <summary>True when this token is a later position than <paramref name="other"/> in the same partition.</summary>
    public bool Newer(StreamSequenceToken? other) => other is null || (Partition == other.Partition && SequenceNumber > other.SequenceNumber);
}
