using System.Text.Json;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.Streams;

/// <summary>An observer of some event type, fed with JSON payloads.</summary>
internal abstract class StreamObserverAdapter
{
    public abstract Task OnNextAsync(byte[] payload, StreamSequenceToken? token);

    /// <summary>Adapts <paramref name="observer"/>, which implements <c>IAsyncObserver&lt;<paramref name="eventType"/>&gt;</c>.</summary>
    public static StreamObserverAdapter Create(Type eventType, object observer) =>
        (StreamObserverAdapter)Activator.CreateInstance(typeof(StreamObserverAdapter<>).MakeGenericType(eventType), observer)!;
}

/// <summary>Deserializes each payload as <typeparamref name="T"/> (the consumer's type, which only has to match the producer's JSON) and hands it on.</summary>
internal sealed class StreamObserverAdapter<T>(IAsyncObserver<T> observer) : StreamObserverAdapter
{
    public IAsyncObserver<T> Observer { get; } = observer;

    public override Task OnNextAsync(byte[] payload, StreamSequenceToken? token)
    {
        var item = JsonSerializer.Deserialize<T>(payload, WireJson.Options)
            ?? throw new StreamDeliveryException($"A stream event of type {typeof(T).FullName} was the JSON null.");
        return Observer.OnNextAsync(item, token);
    }
}
