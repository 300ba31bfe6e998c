using Commerce.Runtime;

namespace Commerce.Grains.Catalog;

/// <summary>Publishes catalog and inventory domain events on the durable stream provider, keyed by SKU.</summary>
internal static class DomainEvents
{
    public static Task PublishAsync<T>(this Grain grain, string streamNamespace, T domainEvent) =>
        grain.GetStreamProvider(StreamProviderNames.Durable)
            .GetStream<T>(StreamId.Create(streamNamespace, grain.GetPrimaryKeyString()))
            .OnNextAsync(domainEvent);
}
