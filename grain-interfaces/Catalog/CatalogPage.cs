namespace Commerce.GrainInterfaces.Catalog;

/// <summary>One page of a catalog query with the total number of matches.</summary>
[GenerateSerializer, Immutable, Alias("commerce.CatalogPage")]
public sealed record CatalogPage(IReadOnlyList<CatalogItem> Items, int Total, int Page, int PageSize);
