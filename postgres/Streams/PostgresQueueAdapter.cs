using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Postgres.Streams;

/// <summary>
/// The producing side of the provider, and the maker of its receivers. Producing appends the events
/// to the log through its group-commit writer, so <c>OnNextAsync</c> completes
/// once the events are committed (durable), never before; a batch (<c>OnNextBatchAsync</c>) is one
/// atomic append with consecutive sequences. Not rewindable: a subscription starts at what the
/// pulling agent reads next, and replay from a token is done on the log
/// (<see cref="PostgresStreamLog.ReadAsync"/>).
/// </summary>
internal sealed class PostgresQueueAdapter(
    string name,
    PostgresStreamLog log,
    StreamEventSerializer serializer,
    Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name { get; } = name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <exception cref="ArgumentException">A token was given (the log assigns positions), or an event is null or not storable JSON.</exception>
    /// <exception cref="StreamLogException">The append failed; none of the events was acknowledged.</exception>
    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (token is not null) throw new ArgumentException("The PostgreSQL stream provider assigns positions itself; events cannot be produced with a sequence token.", nameof(token));
        var rows = events.Select(e => serializer.Serialize(e)).ToList();
        if (rows.Count == 1)
        {
            await log.AppendAsync(streamId, rows[0].EventType, rows[0].Utf8JsonPayload).ConfigureAwait(false);
        }
        else if (rows.Count > 1)
        {
            await log.AppendAsync(streamId, rows).ConfigureAwait(false);
        }
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
