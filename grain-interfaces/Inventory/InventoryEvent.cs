namespace Commerce.GrainInterfaces.Inventory;

/// <summary>Domain events of inventory on the durable stream <c>inventory/{sku}</c>.</summary>
/// <param name="Kind">One of <c>low-stock</c>, <c>out-of-stock</c>, <c>back-in-stock</c>.</param>
[GenerateSerializer, Immutable, Alias("commerce.InventoryEvent")]
public sealed record InventoryEvent(string Kind, string Sku, int Available, DateTimeOffset At)
{
    /// <summary>The stream namespace; the key is the SKU.</summary>
    public const string StreamNamespace = "inventory";
}
