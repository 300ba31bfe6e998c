using Commerce.GrainInterfaces.Inventory;

namespace Commerce.Grains.Inventory;

/// <summary>The persisted stock of one SKU.</summary>
public sealed class InventoryState
{
    public Dictionary<string, WarehouseState> Warehouses { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, ReservationState> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Returns already applied, by return id, with when; forgotten after the reservation retention.</summary>
    public Dictionary<string, DateTimeOffset> AppliedReturns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Committed backordered units not yet covered by stock.</summary>
    public int BackorderOwed { get; set; }

    public DateOnly? BackorderExpected { get; set; }

    public int LowStockThreshold { get; set; }

    /// <summary>An alert was raised and available stock has not risen above the threshold since.</summary>
    public bool LowStockRaised { get; set; }

    public List<LowStockAlert> Alerts { get; set; } = [];

    /// <summary>Whether stock was available at the last change (null: never changed, counts as in stock); for the out/back-in-stock events.</summary>
    public bool? InStock { get; set; }

    /// <summary>What the product grain was last told; null: never told (the product assumes in stock).</summary>
    public bool? ReportedInStock { get; set; }

    /// <summary>Earliest expiry among pending reservations; null when none are pending.</summary>
    public DateTimeOffset? NextExpiryAt { get; set; }

    /// <summary>When the first ended reservation passes its retention and may be forgotten; null when none ended.</summary>
    public DateTimeOffset? NextPruneAt { get; set; }

    /// <summary>When the expiry reminder is due; null when none is registered.</summary>
    public DateTimeOffset? ExpiryReminderAt { get; set; }
}
