namespace Commerce.GrainInterfaces.Catalog;

/// <summary>Counts how often a product (by SKU) is viewed and by whom, for hot-item ranking and recommendations.</summary>
[Alias("commerce.IProductViewsGrain")]
public interface IProductViewsGrain : IGrainWithStringKey
{
    /// <summary>Records one view; returns the product's total views.</summary>
    [Alias("RecordViewAsync")]
    Task<long> RecordViewAsync(string? viewerId);

    [ReadOnly]
    [Alias("GetStatsAsync")]
    Task<ProductViewStats> GetStatsAsync();
}
