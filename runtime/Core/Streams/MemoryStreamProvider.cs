namespace Commerce.Runtime.Streams;

/// <summary>
/// Cluster-wide streams in memory, at-most-once: each event goes straight to its subscribers' silos
/// as one-way messages (in order per stream from one producer, since messages between two silos keep
/// their order), and <see cref="IAsyncStream{T}.OnNextAsync"/> completes once they are sent. An event
/// whose subscriber fails or whose silo is lost is gone; use the durable provider for what must not be lost.
/// </summary>
public sealed class MemoryStreamProvider(string name, StreamRuntime runtime) : StreamProvider(name, runtime)
{
    public override Task ProduceAsync(StreamId stream, string eventType, IReadOnlyList<byte[]> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (stream.IsDefault) throw new ArgumentException("A stream id is required.", nameof(stream));
        foreach (var payload in payloads) Runtime.Notify(Name, stream, eventType, payload);
        return Task.CompletedTask;
    }
}
