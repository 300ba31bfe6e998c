namespace Commerce.GrainInterfaces.Inventory;

/// <summary>
/// Stock of one SKU across warehouses, keyed by SKU. Stock is never negative and never oversold:
/// reservations hold units until they are committed (paid), released (cancelled) or expire. Every
/// reservation operation is idempotent by reservation id, so a retried call never double-reserves.
/// Notifies the product grain when available stock reaches zero and when it rises above zero again.
/// </summary>
[Alias("commerce.IInventoryGrain")]
public interface IInventoryGrain : IGrainWithStringKey, IRemindable
{
    [ReadOnly]
    [Alias("GetAsync")]
    Task<StockLevel> GetAsync();

    /// <summary>Sets the on-hand count of a warehouse (stock take). Conflict <c>below-reserved</c> when it would drop under what reservations hold there.</summary>
    [Alias("SetStockAsync")]
    Task SetStockAsync(string warehouseId, int onHand, string actor);

    /// <summary>Adds received units to a warehouse.</summary>
    [Alias("ReceiveAsync")]
    Task ReceiveAsync(string warehouseId, int quantity, string actor);

    /// <summary>
    /// Holds <paramref name="quantity"/> units for <paramref name="hold"/>. Conflict <c>out-of-stock</c> when not
    /// enough is available and <paramref name="allowBackorder"/> is false; with it, the shortfall is backordered
    /// (the reservation says so with the expected date). Repeating a reservation id returns the first result.
    /// </summary>
    [Alias("ReserveAsync")]
    Task<StockReservation> ReserveAsync(string reservationId, int quantity, TimeSpan hold, bool allowBackorder);

    /// <summary>
    /// Sells the reserved units: takes them out of the warehouses that held them and returns where they
    /// ship from (a backordered shortfall appears under <see cref="WarehouseAllocation.Backorder"/>).
    /// Idempotent. Conflict <c>reservation-expired</c> when the reservation expired or was released;
    /// NotFound when it never existed.
    /// </summary>
    [Alias("CommitAsync")]
    Task<IReadOnlyList<WarehouseAllocation>> CommitAsync(string reservationId);

    /// <summary>Returns a pending reservation's units to stock. Idempotent; unknown ids are ignored.</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string reservationId);

    /// <summary>
    /// Puts returned units back into a warehouse's stock. Idempotent per <paramref name="returnId"/>
    /// (remembered for <c>InventoryOptions.ReservationRetention</c>), so a retried cancel or refund
    /// never puts the same units back twice.
    /// </summary>
    [Alias("ReturnAsync")]
    Task ReturnAsync(string returnId, string warehouseId, int quantity, string reason);

    /// <summary>When backordered stock is expected; null when unknown.</summary>
    [Alias("SetBackorderDateAsync")]
    Task SetBackorderDateAsync(DateOnly? expected);

    /// <summary>Available stock at or below this raises a low-stock alert; 0 disables.</summary>
    [Alias("SetLowStockThresholdAsync")]
    Task SetLowStockThresholdAsync(int threshold);

    /// <summary>The low-stock alerts raised so far, newest first.</summary>
    [ReadOnly]
    [Alias("GetLowStockAlertsAsync")]
    Task<IReadOnlyList<LowStockAlert>> GetLowStockAlertsAsync();

    /// <summary>A reservation by id, or null when unknown.</summary>
    [ReadOnly]
    [Alias("GetReservationAsync")]
    Task<ReservationInfo?> GetReservationAsync(string reservationId);
}
