namespace Commerce.Grains.Inventory;

/// <summary>Tunables of <see cref="InventoryGrain"/>.</summary>
public sealed class InventoryOptions
{
    /// <summary>Longest hold a reservation may ask for. Default 1 day: checkout and slow payment methods fit; stock is not parked for longer.</summary>
    public TimeSpan MaxHold { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most units per reservation. Default 10,000: a wholesale order, not a typo.</summary>
    public int MaxReservationQuantity { get; set; } = 10_000;

    /// <summary>Most units a warehouse holds of one SKU. Default 100,000,000: keeps sums far from int overflow.</summary>
    public int MaxOnHand { get; set; } = 100_000_000;

    /// <summary>
    /// How long committed, released and expired reservations are remembered, so a retried call with the same
    /// reservation id gets the first answer. Default 7 days: longer than any client retries.
    /// </summary>
    public TimeSpan ReservationRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Period of the expiry reminder (how soon a failed expiry tick is retried). Default 1 minute, the runtime's minimum.</summary>
    public TimeSpan ExpiryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most low-stock alerts kept per SKU. Default 50; the oldest go first.</summary>
    public int MaxAlerts { get; set; } = 50;
}
