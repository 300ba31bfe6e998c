namespace Commerce.Grains.Orders;

/// <summary>Tunables of checkout and the order grain.</summary>
public sealed class OrderOptions
{
    /// <summary>
    /// How long a placed order waits for payment before it is cancelled and its stock released. Default 30 minutes:
    /// long enough for a bank redirect or a second card, short enough that unpaid orders do not lock stock a sale needs.
    /// </summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Extra time inventory holds the stock beyond <see cref="PaymentTimeout"/>. Default 5 minutes: a payment captured
    /// in the last moment can still commit its reservation instead of turning into an out-of-stock exception.
    /// </summary>
    public TimeSpan ReservationGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most lines one order may have. Default 50.</summary>
    public int MaxLines { get; set; } = 50;

    /// <summary>Most units of one SKU per order. Default 99 (the cart's limit).</summary>
    public int MaxQuantityPerLine { get; set; } = 99;

    /// <summary>Longest free-text field (reasons, notes, address lines). Default 500 characters.</summary>
    public int MaxTextLength { get; set; } = 500;

    /// <summary>How long after delivery a customer may ask for a return or refund. Default 14 days.</summary>
    public TimeSpan ReturnWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How often an order retries publishing transitions whose stream event or notification failed. Default 10 s.
    /// (Its read-model rows are retried with backoff: <see cref="ReadModelProjectionOptions"/>.)
    /// </summary>
    public TimeSpan PublishRetryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
