namespace Commerce.Runtime.Streams;

/// <summary>
/// Keeps one stream's explicit subscriptions and fans its events out. Reentrant, so a subscriber
/// handling an event may subscribe or unsubscribe without a deadlock; writes are serialized by a
/// lock of their own.
/// </summary>
[GrainType(TypeName)]
[Reentrant]
internal sealed class StreamPubSubGrain(
    [PersistentState("subscriptions")] IPersistentState<StreamPubSubState> state) : Grain, IStreamPubSubGrain
{
    public const string TypeName = "sys.stream-pubsub";

    private readonly SemaphoreSlim _writes = new(1, 1);
    private (string Provider, StreamId Stream)? _address;

    /// <summary>The pub-sub grain key of <paramref name="stream"/> on <paramref name="provider"/>.</summary>
    public static string KeyOf(string provider, StreamId stream) => $"{provider}/{stream}";

    private (string Provider, StreamId Stream) Address
    {
        get
        {
            if (_address is { } address) return address;
            var key = GetPrimaryKeyString();
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            _address = (key[..slash], StreamId.Parse(key[(slash + 1)..]));
            return _address.Value;
        }
    }

    public async Task SubscribeAsync(Guid handleId, string consumer)
    {
        _ = GrainId.Parse(consumer);
        await _writes.WaitAsync();
        try
        {
            if (state.State.Subscriptions.Any(s => s.HandleId == handleId)) return;
            state.State.Subscriptions.Add(new StreamSubscriptionEntry(handleId, consumer));
            await state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task UnsubscribeAsync(Guid handleId)
    {
        await _writes.WaitAsync();
        try
        {
            if (state.State.Subscriptions.RemoveAll(s => s.HandleId == handleId) > 0) await state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    public Task<List<Guid>> GetHandlesAsync(string consumer) =>
        Task.FromResult(state.State.Subscriptions.Where(s => s.Consumer == consumer).Select(s => s.HandleId).ToList());

    public Task DeliverAsync(string eventType, byte[] payload, int partition, long sequence)
    {
        var subscriptions = state.State.Subscriptions;
        if (subscriptions.Count == 0) return Task.CompletedTask;
        var token = partition < 0 ? null : new StreamSequenceToken(partition, sequence);
        var (provider, stream) = Address;
        var deliveries = new Task[subscriptions.Count];
        for (var i = 0; i < deliveries.Length; i++)
        {
            var subscription = subscriptions[i];
            deliveries[i] = GrainFactory.GetGrain<IStreamConsumer>(GrainId.Parse(subscription.Consumer))
                .DeliverAsync(new StreamDelivery(provider, stream, subscription.HandleId, eventType, payload, token));
        }

        return Task.WhenAll(deliveries);
    }

    public Task NotifyAsync(string eventType, byte[] payload)
    {
        var (provider, stream) = Address;
        foreach (var subscription in state.State.Subscriptions)
        {
            _ = GrainFactory.GetGrain<IStreamConsumer>(GrainId.Parse(subscription.Consumer))
                .Notify(new StreamDelivery(provider, stream, subscription.HandleId, eventType, payload, null));
        }

        return Task.CompletedTask;
    }
}
