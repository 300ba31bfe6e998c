namespace Commerce.Runtime.Streams;

/// <summary>The explicit subscriptions of one stream.</summary>
public sealed class StreamPubSubState
{
    public List<StreamSubscriptionEntry> Subscriptions { get; set; } = [];
}

/// <summary>One explicit subscription: its handle and the subscribing grain (its <see cref="GrainId"/> text form).</summary>
public sealed record StreamSubscriptionEntry(Guid HandleId, string Consumer);
