namespace Commerce.GrainInterfaces.Inventory;

/// <summary>Stock of one SKU: totals and per warehouse.</summary>
/// <param name="Available">On hand - reserved - backorders owed; never negative.</param>
/// <param name="LowStock">Available is at or below a non-zero <see cref="LowStockThreshold"/>.</param>
[GenerateSerializer, Immutable, Alias("commerce.StockLevel")]
public sealed record StockLevel(
    string Sku,
    int OnHand,
    int Reserved,
    int Available,
    IReadOnlyList<WarehouseStock> Warehouses,
    DateOnly? BackorderExpected,
    int LowStockThreshold,
    bool LowStock)
{
    /// <summary>Committed backordered units not yet covered by received stock; they take incoming stock first.</summary>
    [Id(0)]
    public int BackorderOwed { get; init; }
}
