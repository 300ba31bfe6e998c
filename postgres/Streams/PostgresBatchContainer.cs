using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Postgres.Streams;

/// <summary>
/// One event of the log as Orleans caches and delivers it: the row at (partition, sequence) becomes
/// a container whose token is <see cref="EventSequenceToken"/>(sequence, 0), so tokens grow along
/// a stream (a stream lives in one partition) and a consumer drops a redelivered event by comparing
/// tokens. The event travels to the consumer's silo in Orleans' format, already read from JSON by
/// the receiver. A row the receiver could not read has no event: it is delivered as an empty batch,
/// which keeps its place in the cache so the checkpoint still moves past it, and was dead-lettered.
/// </summary>
[GenerateSerializer]
internal sealed class PostgresBatchContainer : IBatchContainer
{
    public PostgresBatchContainer(StreamId streamId, EventSequenceToken sequenceToken, object? item)
    {
        StreamId = streamId;
        Token = sequenceToken;
        Item = item;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public EventSequenceToken Token { get; }

    /// <summary>The event; null for a row that could not be read.</summary>
    [Id(2)]
    public object? Item { get; }

    public StreamSequenceToken SequenceToken => Token;

    /// <summary>The event's position in its partition.</summary>
    public long Sequence => Token.SequenceNumber;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Item is T item ? [Tuple.Create(item, (StreamSequenceToken)Token)] : [];

    /// <summary>The log keeps no request context, so there is none to import.</summary>
    public bool ImportRequestContext() => false;

    public override string ToString() => $"{StreamId}@{Token}";
}
