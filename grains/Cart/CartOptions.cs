namespace Commerce.Grains.Cart;

/// <summary>Tunables of <see cref="CartGrain"/>.</summary>
public sealed class CartOptions
{
    /// <summary>Most units of one SKU in a cart. Default 99: more is a wholesale order, not a cart.</summary>
    public int MaxQuantityPerLine { get; set; } = 99;

    /// <summary>Most distinct SKUs in a cart. Default 100.</summary>
    public int MaxLines { get; set; } = 100;

    /// <summary>
    /// How long a non-empty cart may sit unchanged before it counts as abandoned. Default 1 hour: long enough to
    /// compare prices elsewhere, short enough for a same-day reminder coupon.
    /// </summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often an idle cart is checked for abandonment. Default 15 minutes: abandonment is reported between
    /// <see cref="AbandonAfter"/> and that plus this period after the last change. Must not be below the reminder minimum.
    /// </summary>
    public TimeSpan AbandonmentCheckPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Currency of an empty cart's preview. Default EUR.</summary>
    public string DefaultCurrency { get; set; } = "EUR";
}
