using Commerce.Runtime.Streams;

namespace Commerce.Runtime.Postgres.Streams;

/// <summary>
/// The durable stream provider: <see cref="IAsyncStream{T}.OnNextAsync"/> completes once the event is
/// committed to the <see cref="PostgresStreamLog"/>; the pulling agents (<see cref="StreamPartitionAgents"/>)
/// then deliver it at least once, in order per stream.
/// </summary>
public sealed class PostgresStreamProvider(string name, StreamRuntime runtime, PostgresStreamLog log) : StreamProvider(name, runtime)
{
    public PostgresStreamLog Log { get; } = log;

    /// <summary>The consumer group under which this provider's agents checkpoint and dead-letter.</summary>
    public string ConsumerGroup => $"provider:{Name}";

    public override Task ProduceAsync(StreamId stream, string eventType, IReadOnlyList<byte[]> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (payloads.Count == 1) return Log.AppendAsync(stream, eventType, payloads[0]).AsTask();
        var events = new StreamEventData[payloads.Count];
        for (var i = 0; i < events.Length; i++) events[i] = new StreamEventData(eventType, payloads[i]);
        return Log.AppendAsync(stream, events).AsTask();
    }
}
