namespace Commerce.Runtime.Streams;

/// <summary>
/// The rendezvous of one stream's explicit subscriptions (key <c>provider/namespace/key</c>), as
/// Orleans' pub-sub grain: it keeps them in grain storage, so they outlive the subscribers'
/// activations, and fans each event out to them. A runtime system grain.
/// </summary>
public interface IStreamPubSubGrain : IGrainWithStringKey
{
    Task SubscribeAsync(Guid handleId, string consumer);

    Task UnsubscribeAsync(Guid handleId);

    /// <summary>The handles <paramref name="consumer"/> (a grain id) holds on this stream.</summary>
    [AlwaysInterleave]
    Task<List<Guid>> GetHandlesAsync(string consumer);

    /// <summary>Delivers one event to every subscriber and completes when all have handled it.</summary>
    [AlwaysInterleave]
    Task DeliverAsync(string eventType, byte[] payload, int partition, long sequence);

    /// <summary>Hands one event to every subscriber without waiting (in-memory provider).</summary>
    [OneWay]
    [AlwaysInterleave]
    Task NotifyAsync(string eventType, byte[] payload);
}
