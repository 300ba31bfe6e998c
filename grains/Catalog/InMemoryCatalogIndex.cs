using System.Collections.Concurrent;
using Commerce.GrainInterfaces.Catalog;

namespace Commerce.Grains.Catalog;

/// <summary>The catalog index of one process: for the embedded default and tests. Scans; fine for demo-sized catalogs.</summary>
public sealed class InMemoryCatalogIndex : ICatalogIndex
{
    private readonly ConcurrentDictionary<string, CatalogItem> _items = new(StringComparer.Ordinal);

    public Task UpsertAsync(CatalogItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        _items[item.Sku] = item;
        return Task.CompletedTask;
    }

    public Task<CatalogPage> BrowseAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        var matches = CatalogQueries.Sort(_items.Values.Where(i => CatalogQueries.Matches(i, query)), query.Sort).ToList();
        return Task.FromResult(PageOf(matches, query.Page, query.PageSize));
    }

    public Task<CatalogPage> ListByStatusAsync(ProductStatus status, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var matches = _items.Values.Where(i => i.Status == status)
            .OrderBy(i => i.UpdatedAt).ThenBy(i => i.Sku, StringComparer.Ordinal).ToList();
        return Task.FromResult(PageOf(matches, page, pageSize));
    }

    public Task<IReadOnlyList<string>> SkusInCategoryAsync(string categoryPath, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(
            _items.Values.Where(i => CategoryPaths.IsWithin(i.CategoryPath, categoryPath)).Select(i => i.Sku).Order(StringComparer.Ordinal).ToList());

    private static CatalogPage PageOf(List<CatalogItem> matches, int page, int pageSize) =>
        new(matches.Skip((page - 1) * pageSize).Take(pageSize).ToList(), matches.Count, page, pageSize);
}
