namespace Commerce.Grains.Catalog;

/// <summary>Tunables of <see cref="ProductViewsGrain"/>.</summary>
public sealed class ProductViewsOptions
{
    /// <summary>
    /// How often counted views are written to storage. Default 5 s: a hot product is viewed thousands
    /// of times a second, and a view count may lag by a few seconds after a crash; it is analytics,
    /// not money. Deactivation always writes.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many distinct recent viewers are kept. Default 20.</summary>
    public int RecentViewers { get; set; } = 20;
}
