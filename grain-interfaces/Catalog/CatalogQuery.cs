namespace Commerce.GrainInterfaces.Catalog;

/// <summary>A browse of listed products.</summary>
/// <param name="CategoryPath">Only products in this category or its subcategories.</param>
/// <param name="Text">Case-insensitive substring of name, brand or description (real search is the search grain's job).</param>
/// <param name="MinPrice">Inclusive lower price bound.</param>
/// <param name="MaxPrice">Inclusive upper price bound.</param>
/// <param name="Page">1-based.</param>
/// <param name="PageSize">Capped by the catalog options.</param>
[GenerateSerializer, Immutable, Alias("commerce.CatalogQuery")]
public sealed record CatalogQuery(
    string? CategoryPath = null,
    string? Text = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    CatalogSort Sort = CatalogSort.Newest,
    int Page = 1,
    int PageSize = 20);
