namespace Commerce.GrainInterfaces.Inventory;

/// <summary>Units of a committed reservation and the warehouse they ship from.</summary>
[GenerateSerializer, Immutable, Alias("commerce.WarehouseAllocation")]
public sealed record WarehouseAllocation(string WarehouseId, int Quantity)
{
    /// <summary>The pseudo-warehouse of backordered units: they ship when stock arrives.</summary>
    public const string Backorder = "backorder";
}
