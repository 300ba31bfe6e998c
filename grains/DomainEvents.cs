
namespace Commerce.Grains;

/// <summary>
/// Domain events of any area on the durable stream provider: the stream of <c>(namespace, the grain's string key)</c>,
/// e.g. the product's events keyed by SKU, an order's by order id.
/// </summary>
internal static class DomainEvents
{
    /// <summary>This grain's stream of <typeparamref name="T"/> in <paramref name="streamNamespace"/>, to publish several events on.</summary>
    public static IAsyncStream<T> DomainEventStream<T>(this Grain grain, string streamNamespace) =>
        grain.GetStreamProvider(StreamProviderNames.Durable).GetStream<T>(StreamId.Create(streamNamespace, grain.GetPrimaryKeyString()));

    /// <summary>Publishes one event on this grain's stream in <paramref name="streamNamespace"/>.</summary>
    public static Task PublishAsync<T>(this Grain grain, string streamNamespace, T domainEvent) =>
        grain.DomainEventStream<T>(streamNamespace).OnNextAsync(domainEvent);
}
