namespace Commerce.Grains.Catalog;

/// <summary>The persisted view counts of one product.</summary>
public sealed class ProductViewsState
{
    public long Views { get; set; }

    public DateTimeOffset? LastViewedAt { get; set; }

    /// <summary>Newest first, distinct, at most <see cref="ProductViewsOptions.RecentViewers"/>.</summary>
    public List<string> RecentViewers { get; set; } = [];
}
