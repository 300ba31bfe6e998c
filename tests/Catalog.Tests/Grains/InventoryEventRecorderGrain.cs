using Commerce.GrainInterfaces.Inventory;
using Commerce.GrainInterfaces.Streams;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Catalog.Tests.Grains;

public interface IInventoryEventRecorderGrain : IDomainEventRecorderGrain;

/// <summary>Records the inventory events of its SKU, through an implicit subscription.</summary>
[GrainType("test-inventory-event-recorder")]
[ImplicitStreamSubscription(InventoryEvent.StreamNamespace)]
public sealed class InventoryEventRecorderGrain : Grain, IInventoryEventRecorderGrain, IAsyncObserver<InventoryEvent>
{
    private readonly List<string> _kinds = [];

    /// <summary>An implicit subscription activates the grain for its stream's events; the activation attaches itself as their observer.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.GetStreamProvider(StreamProviderNames.Durable)
            .GetStream<InventoryEvent>(StreamId.Create(InventoryEvent.StreamNamespace, this.GetPrimaryKeyString()))
            .SubscribeAsync(this);

    public Task<List<string>> GetKindsAsync() => Task.FromResult(_kinds.ToList());

    public Task OnNextAsync(InventoryEvent item, StreamSequenceToken? token = null)
    {
        _kinds.Add(item.Kind);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}
