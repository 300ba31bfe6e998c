namespace Commerce.GrainInterfaces.Inventory;

/// <summary>Stock of one SKU in one warehouse: <see cref="Available"/> = on hand - reserved.</summary>
[GenerateSerializer, Immutable, Alias("commerce.WarehouseStock")]
public sealed record WarehouseStock(string WarehouseId, int OnHand, int Reserved, int Available);
