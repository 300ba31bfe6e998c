namespace Commerce.Grains.Catalog;

/// <summary>The persisted view counts of one product.</summary>
[GenerateSerializer, Alias("commerce.state.ProductViewsState")]
public sealed class ProductViewsState
{
    [Id(0)]
    public long Views { get; set; }

    [Id(1)]
    public DateTimeOffset? LastViewedAt { get; set; }

    /// <summary>Newest first, distinct, at most <see cref="ProductViewsOptions.RecentViewers"/>.</summary>
    [Id(2)]
    public List<string> RecentViewers { get; set; } = [];
}
