namespace Commerce.Runtime.Streams;

/// <summary>
/// A cluster client's view of a silo provider: it produces only, by sending the serialized events to
/// the <see cref="IStreamGatewayGrain"/> of the stream, which produces them on the provider of the
/// same name in a silo. <see cref="IAsyncStream{T}.OnNextAsync"/> completes when that silo's provider
/// accepted them (committed, for a durable one).
/// </summary>
internal sealed class ClientStreamProvider(string name, Func<IGrainFactory> grains) : IStreamProvider, IStreamSink
{
    public string Name { get; } = name;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new AsyncStream<T>(this, streamId, runtime: null);

    public Task ProduceAsync(StreamId stream, string eventType, IReadOnlyList<byte[]> payloads, CancellationToken cancellationToken) =>
        grains().GetGrain<IStreamGatewayGrain>(stream.ToString())
            .ProduceAsync(Name, stream.ToString(), eventType, payloads as List<byte[]> ?? [.. payloads])
            .WaitAsync(cancellationToken);
}
