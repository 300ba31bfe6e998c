using Commerce.GrainInterfaces.Inventory;
using Commerce.Runtime;

namespace Commerce.Catalog.Tests.Grains;

public interface IInventoryEventRecorderGrain : IDomainEventRecorderGrain;

/// <summary>Records the inventory events of its SKU, through an implicit subscription.</summary>
[GrainType("test-inventory-event-recorder")]
[ImplicitStreamSubscription(InventoryEvent.StreamNamespace)]
public sealed class InventoryEventRecorderGrain : Grain, IInventoryEventRecorderGrain, IAsyncObserver<InventoryEvent>
{
    private readonly List<string> _kinds = [];

    public Task<List<string>> GetKindsAsync() => Task.FromResult(_kinds.ToList());

    public Task OnNextAsync(InventoryEvent item, StreamSequenceToken? token = null)
    {
        _kinds.Add(item.Kind);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}
