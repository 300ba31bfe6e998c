namespace Commerce.Grains.Inventory;

/// <summary>One warehouse's stock of the SKU.</summary>
[GenerateSerializer, Alias("commerce.state.WarehouseState")]
public sealed class WarehouseState
{
    [Id(0)]
    public int OnHand { get; set; }

    /// <summary>Units held by pending reservations here (kept in step with them, so reads need no scan).</summary>
    [Id(1)]
    public int Reserved { get; set; }
}
