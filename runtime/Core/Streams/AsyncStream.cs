namespace Commerce.Runtime.Streams;

/// <summary>A stream of one provider: produces through its sink, subscribes through the silo's runtime (null in a client).</summary>
internal sealed class AsyncStream<T>(IStreamSink sink, StreamId streamId, StreamRuntime? runtime) : IAsyncStream<T>
{
    private static readonly string EventType = StreamProvider.EventTypeOf<T>();

    public StreamId StreamId { get; } = streamId.IsDefault ? throw new ArgumentException("A stream id is required.", nameof(streamId)) : streamId;

    public string ProviderName => sink.Name;

    public Task OnNextAsync(T item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return sink.ProduceAsync(StreamId, EventType, [StreamProvider.Serialize(item)], cancellationToken);
    }

    public Task OnNextBatchAsync(IEnumerable<T> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var payloads = new List<byte[]>();
        foreach (var item in batch)
        {
            if (item is null) throw new ArgumentException("A stream event must not be null.", nameof(batch));
            payloads.Add(StreamProvider.Serialize(item));
        }

        return payloads.Count == 0 ? Task.CompletedTask : sink.ProduceAsync(StreamId, EventType, payloads, cancellationToken);
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? from = null)
    {
        if (from is not null) throw new NotSupportedException("Subscribing from a position is not supported; replay a durable stream from its log (PostgresStreamLog.ReadAsync).");
        return RuntimeOrThrow.SubscribeAsync(ProviderName, StreamId, observer);
    }

    public Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => RuntimeOrThrow.GetHandlesAsync<T>(ProviderName, StreamId);

    private StreamRuntime RuntimeOrThrow => runtime ?? throw new InvalidOperationException("Only grains subscribe to streams; a cluster client produces only.");
}
