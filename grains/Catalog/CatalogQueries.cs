using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Catalog;

/// <summary>Validation and normalization of browse queries, and the in-memory evaluation both indexes agree with.</summary>
public static class CatalogQueries
{
    /// <summary>Longest text filter. 200 characters.</summary>
    private const int MaxTextLength = 200;

    public static CatalogQuery Normalize(CatalogQuery? query, int maxPageSize)
    {
        query ??= new CatalogQuery();
        var category = string.IsNullOrWhiteSpace(query.CategoryPath) ? null : CategoryPaths.Normalize(query.CategoryPath, "categoryPath");
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        if (text is { Length: > MaxTextLength }) throw new InvalidInputException("text", $"A text filter has at most {MaxTextLength} characters.");
        if (query.MinPrice < 0) throw new InvalidInputException("minPrice", "A price bound is not negative.");
        if (query.MaxPrice < 0) throw new InvalidInputException("maxPrice", "A price bound is not negative.");
        if (query.MinPrice > query.MaxPrice) throw new InvalidInputException("minPrice", "The lower price bound exceeds the upper one.");
        if (!Enum.IsDefined(query.Sort)) throw new InvalidInputException("sort", "Unknown sort order.");
        var (page, pageSize) = NormalizePaging(query.Page, query.PageSize, maxPageSize);
        return query with { CategoryPath = category, Text = text, Page = page, PageSize = pageSize };
    }

    /// <summary>Page at least 1; page size between 1 and <paramref name="maxPageSize"/> (larger sizes are capped, not refused).</summary>
    public static (int Page, int PageSize) NormalizePaging(int page, int pageSize, int maxPageSize)
    {
        if (page < 1) throw new InvalidInputException("page", "Pages are numbered from 1.");
        if (pageSize < 1) throw new InvalidInputException("pageSize", "A page holds at least one item.");
        return (page, Math.Min(pageSize, maxPageSize));
    }

    public static bool Matches(CatalogItem item, CatalogQuery query) =>
        item.Status == ProductStatus.Listed
        && (query.CategoryPath is null || CategoryPaths.IsWithin(item.CategoryPath, query.CategoryPath))
        && (query.MinPrice is null || item.Price.Amount >= query.MinPrice)
        && (query.MaxPrice is null || item.Price.Amount <= query.MaxPrice)
        && (query.Text is null || Contains(item.Name, query.Text) || Contains(item.Brand, query.Text) || Contains(item.Description, query.Text));

    public static IEnumerable<CatalogItem> Sort(IEnumerable<CatalogItem> items, CatalogSort sort) => sort switch
    {
        CatalogSort.PriceAscending => items.OrderBy(i => i.Price.Amount).ThenBy(i => i.Sku, StringComparer.Ordinal),
        CatalogSort.PriceDescending => items.OrderByDescending(i => i.Price.Amount).ThenBy(i => i.Sku, StringComparer.Ordinal),
        CatalogSort.Rating => items.OrderByDescending(i => i.RatingAverage).ThenByDescending(i => i.RatingCount).ThenBy(i => i.Sku, StringComparer.Ordinal),
        CatalogSort.Name => items.OrderBy(i => i.Name.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(i => i.Sku, StringComparer.Ordinal),
        _ => items.OrderByDescending(i => i.ListedAt ?? DateTimeOffset.MinValue).ThenBy(i => i.Sku, StringComparer.Ordinal),
    };

    private static bool Contains(string? haystack, string needle) =>
        haystack is not null && haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);
}
