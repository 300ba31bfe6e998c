using Commerce.GrainInterfaces.Inventory;

namespace Commerce.Grains.Inventory;

/// <summary>The persisted stock of one SKU.</summary>
[GenerateSerializer, Alias("commerce.state.InventoryState")]
public sealed class InventoryState
{
    [Id(0)]
    public Dictionary<string, WarehouseState> Warehouses { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public Dictionary<string, ReservationState> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Returns already applied, by return id, with when; forgotten after the reservation retention.</summary>
    [Id(2)]
    public Dictionary<string, DateTimeOffset> AppliedReturns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Committed backordered units not yet covered by stock.</summary>
    [Id(3)]
    public int BackorderOwed { get; set; }

    [Id(4)]
    public DateOnly? BackorderExpected { get; set; }

    [Id(5)]
    public int LowStockThreshold { get; set; }

    /// <summary>An alert was raised and available stock has not risen above the threshold since.</summary>
    [Id(6)]
    public bool LowStockRaised { get; set; }

    [Id(7)]
    public List<LowStockAlert> Alerts { get; set; } = [];

    /// <summary>Whether stock was available at the last change (null: never changed, counts as in stock); for the out/back-in-stock events.</summary>
    [Id(8)]
    public bool? InStock { get; set; }

    /// <summary>What the product grain was last told; null: never told (the product assumes in stock).</summary>
    [Id(9)]
    public bool? ReportedInStock { get; set; }

    /// <summary>Earliest expiry among pending reservations; null when none are pending.</summary>
    [Id(10)]
    public DateTimeOffset? NextExpiryAt { get; set; }

    /// <summary>When the first ended reservation passes its retention and may be forgotten; null when none ended.</summary>
    [Id(11)]
    public DateTimeOffset? NextPruneAt { get; set; }

    /// <summary>When the expiry reminder is due; null when none is registered.</summary>
    [Id(12)]
    public DateTimeOffset? ExpiryReminderAt { get; set; }
}
