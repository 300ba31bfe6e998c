namespace Commerce.Grains.Inventory;

/// <summary>One warehouse's stock of the SKU.</summary>
public sealed class WarehouseState
{
    public int OnHand { get; set; }

    /// <summary>Units held by pending reservations here (kept in step with them, so reads need no scan).</summary>
    public int Reserved { get; set; }
}
