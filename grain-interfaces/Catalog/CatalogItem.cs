using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Catalog;

/// <summary>A product as the catalog index holds it: what a listing page shows.</summary>
/// <param name="ImageUrl">The main image.</param>
/// <param name="ListedAt">When the product was (last) listed; sorts "newest".</param>
[GenerateSerializer, Immutable, Alias("commerce.CatalogItem")]
public sealed record CatalogItem(
    string Sku,
    string Name,
    string? Brand,
    string? Description,
    Money Price,
    string? CategoryPath,
    ProductStatus Status,
    string? ImageUrl,
    double RatingAverage,
    int RatingCount,
    bool InStock,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ListedAt);
