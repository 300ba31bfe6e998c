using Orleans.Runtime;

namespace Commerce.Postgres.Streams;

/// <summary>An event as stored in the log.</summary>
/// <param name="Partition">The partition that holds it (<see cref="StreamPartitioner"/>).</param>
/// <param name="Sequence">Its sequence number in that partition.</param>
/// <param name="Stream">The stream it was appended to.</param>
/// <param name="EventType">What happened.</param>
/// <param name="Payload">The event as UTF-8 JSON, byte for byte as it was appended.</param>
/// <param name="AppendedAt">When the server assigned the sequence; never earlier than an earlier sequence's of the same partition (barring a clock set back).</param>
public sealed record StreamEvent(
    int Partition,
    long Sequence,
    StreamId Stream,
    string EventType,
    ReadOnlyMemory<byte> Payload,
    DateTimeOffset AppendedAt)
{
    public StreamPosition Position => new(Partition, Sequence);
}
