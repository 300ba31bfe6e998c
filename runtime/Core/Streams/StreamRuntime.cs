using Commerce.Runtime.Registry;

namespace Commerce.Runtime.Streams;

/// <summary>
/// The silo's stream machinery shared by every provider: delivery of an event to its implicit
/// subscribers (one grain per subscribing class, keyed by the stream's key) and to its explicit ones
/// (through the stream's <see cref="IStreamPubSubGrain"/>), and the subscription calls of grains.
/// </summary>
public sealed class StreamRuntime
{
    private readonly IGrainFactory _grains;
    private readonly ImplicitSubscriptionTable _implicit;

    internal StreamRuntime(IGrainFactory grains, GrainTypeRegistry registry)
    {
        _grains = grains;
        _implicit = new ImplicitSubscriptionTable(registry);
    }

    /// <summary>
    /// Delivers one event to every subscriber of <paramref name="stream"/> and completes when all of
    /// them handled it; fails when one failed (a durable provider retries the event, so subscribers see
    /// duplicates, which <paramref name="token"/> lets them drop).
    /// </summary>
    public Task DeliverAsync(string provider, StreamId stream, string eventType, byte[] payload, StreamSequenceToken? token)
    {
        var implicitTypes = _implicit.SubscribersOf(stream.Namespace);
        var deliveries = new Task[implicitTypes.Length + 1];
        for (var i = 0; i < implicitTypes.Length; i++)
        {
            deliveries[i] = _grains.GetGrain<IStreamConsumer>(GrainId.Create(implicitTypes[i], stream.Key))
                .DeliverAsync(new StreamDelivery(provider, stream, StreamDelivery.ImplicitHandle, eventType, payload, token));
        }

        deliveries[^1] = PubSub(provider, stream).DeliverAsync(eventType, payload, token?.Partition ?? -1, token?.SequenceNumber ?? -1);
        return Task.WhenAll(deliveries);
    }

    /// <summary>Hands one event to every subscriber without waiting for them (at-most-once).</summary>
    public void Notify(string provider, StreamId stream, string eventType, byte[] payload)
    {
        foreach (var type in _implicit.SubscribersOf(stream.Namespace))
        {
            _ = _grains.GetGrain<IStreamConsumer>(GrainId.Create(type, stream.Key))
                .Notify(new StreamDelivery(provider, stream, StreamDelivery.ImplicitHandle, eventType, payload, null));
        }

        _ = PubSub(provider, stream).NotifyAsync(eventType, payload);
    }

    internal async Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(string provider, StreamId stream, IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var grain = CurrentGrain();
        if (IsImplicit(grain, stream))
        {
            StreamConsumerRuntime.Attach(grain.GrainInstance!, provider, stream, StreamDelivery.ImplicitHandle, new StreamObserverAdapter<T>(observer));
            return new StreamSubscription<T>(this, provider, stream, StreamDelivery.ImplicitHandle);
        }

        var handle = Guid.NewGuid();
        // Attached before the subscription exists, so no event can arrive without its observer.
        StreamConsumerRuntime.Attach(grain.GrainInstance!, provider, stream, handle, new StreamObserverAdapter<T>(observer));
        await PubSub(provider, stream).SubscribeAsync(handle, grain.GrainId.ToString());
        return new StreamSubscription<T>(this, provider, stream, handle);
    }

    internal async Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetHandlesAsync<T>(string provider, StreamId stream)
    {
        var grain = CurrentGrain();
        var handles = await PubSub(provider, stream).GetHandlesAsync(grain.GrainId.ToString());
        var result = handles.Select(h => (StreamSubscriptionHandle<T>)new StreamSubscription<T>(this, provider, stream, h)).ToList();
        if (IsImplicit(grain, stream)) result.Insert(0, new StreamSubscription<T>(this, provider, stream, StreamDelivery.ImplicitHandle));
        return result;
    }

    internal Task<StreamSubscriptionHandle<T>> ResumeAsync<T>(StreamSubscription<T> subscription, IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        StreamConsumerRuntime.Attach(CurrentGrain().GrainInstance!, subscription.Provider, subscription.StreamId, subscription.HandleId, new StreamObserverAdapter<T>(observer));
        return Task.FromResult<StreamSubscriptionHandle<T>>(subscription);
    }

    internal async Task UnsubscribeAsync<T>(StreamSubscription<T> subscription)
    {
        var grain = CurrentGrain();
        if (subscription.HandleId == StreamDelivery.ImplicitHandle)
        {
            throw new InvalidOperationException(
                $"{subscription.StreamId} reaches {grain.GrainId} through an implicit subscription ([ImplicitStreamSubscription] on its class), which cannot be unsubscribed.");
        }

        await PubSub(subscription.Provider, subscription.StreamId).UnsubscribeAsync(subscription.HandleId);
        StreamConsumerRuntime.Detach(grain.GrainInstance!, subscription.Provider, subscription.StreamId, subscription.HandleId);
    }

    private static bool IsImplicit(IGrainContext grain, StreamId stream) =>
        grain.GrainInstance is { } instance
        && string.Equals(grain.GrainId.Key, stream.Key, StringComparison.Ordinal)
        && ImplicitSubscriptionTable.Subscribes(instance.GetType(), stream.Namespace);

    private static IGrainContext CurrentGrain() =>
        RuntimeContext.Current is { GrainInstance: not null } context
            ? context
            : throw new InvalidOperationException("Only grains subscribe to streams: call SubscribeAsync from grain code (e.g. OnActivateAsync). Clients and other processes produce only.");

    private IStreamPubSubGrain PubSub(string provider, StreamId stream) =>
        _grains.GetGrain<IStreamPubSubGrain>(StreamPubSubGrain.KeyOf(provider, stream));
}
