namespace Commerce.Runtime.Streams;

/// <summary>One event on its way to one consuming grain: what the stream consumer request carries.</summary>
/// <param name="Provider">The stream provider's name.</param>
/// <param name="Stream">The stream the event was produced on.</param>
/// <param name="HandleId">The explicit subscription it is delivered for, or <see cref="Guid.Empty"/> for an implicit one.</param>
/// <param name="EventType">The producer's event type (its .NET full name), which picks the observer when a grain observes several types.</param>
/// <param name="Payload">The event as UTF-8 JSON.</param>
/// <param name="Token">Its position in a durable provider's log; null for the in-memory provider.</param>
internal sealed record StreamDelivery(string Provider, StreamId Stream, Guid HandleId, string EventType, byte[] Payload, StreamSequenceToken? Token)
{
    /// <summary>The handle of implicit subscriptions: a grain has one implicit subscription per stream.</summary>
    public static readonly Guid ImplicitHandle = Guid.Empty;
}
