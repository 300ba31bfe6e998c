using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Streams;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Catalog.Tests.Grains;

public interface IProductEventRecorderGrain : IDomainEventRecorderGrain;

/// <summary>Records the product events of its SKU, through an implicit subscription as a real consumer would.</summary>
[GrainType("test-product-event-recorder")]
[ImplicitStreamSubscription(ProductEvent.StreamNamespace)]
public sealed class ProductEventRecorderGrain : Grain, IProductEventRecorderGrain, IAsyncObserver<ProductEvent>
{
    private readonly List<string> _kinds = [];

    /// <summary>An implicit subscription activates the grain for its stream's events; the activation attaches itself as their observer.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.GetStreamProvider(StreamProviderNames.Durable)
            .GetStream<ProductEvent>(StreamId.Create(ProductEvent.StreamNamespace, this.GetPrimaryKeyString()))
            .SubscribeAsync(this);

    public Task<List<string>> GetKindsAsync() => Task.FromResult(_kinds.ToList());

    public Task OnNextAsync(ProductEvent item, StreamSequenceToken? token = null)
    {
        _kinds.Add(item.Kind);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}
