using System.Text.Json;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.Streams;

/// <summary>
/// The base of the silo's stream providers: streams serialize each event to UTF-8 JSON once and hand
/// the payloads to <see cref="ProduceAsync"/>; subscriptions go through the silo's <see cref="StreamRuntime"/>.
/// </summary>
public abstract class StreamProvider : IStreamProvider, IStreamSink
{
    protected StreamProvider(string name, StreamRuntime runtime)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Runtime = runtime;
    }

    public string Name { get; }

    /// <summary>The silo's stream machinery: delivery to subscribers.</summary>
    public StreamRuntime Runtime { get; }

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new AsyncStream<T>(this, streamId, Runtime);

    /// <summary>Takes events already serialized (by a stream of this process, or a client through <see cref="IStreamGatewayGrain"/>), in order.</summary>
    public abstract Task ProduceAsync(StreamId stream, string eventType, IReadOnlyList<byte[]> payloads, CancellationToken cancellationToken);

    /// <summary>The event type recorded for events of <typeparamref name="T"/>.</summary>
    public static string EventTypeOf<T>() => typeof(T).FullName ?? typeof(T).Name;

    /// <summary>An event as the UTF-8 JSON every provider carries.</summary>
    public static byte[] Serialize<T>(T item) => JsonSerializer.SerializeToUtf8Bytes(item, WireJson.Options);
}

/// <summary>Where a stream sends what is produced on it: a silo's provider, or a client's gateway.</summary>
internal interface IStreamSink
{
    string Name { get; }

    Task ProduceAsync(StreamId stream, string eventType, IReadOnlyList<byte[]> payloads, CancellationToken cancellationToken);
}
