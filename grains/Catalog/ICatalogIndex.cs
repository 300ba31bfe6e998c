using Commerce.GrainInterfaces.Catalog;

namespace Commerce.Grains.Catalog;

/// <summary>
/// The catalog read model: one entry per product (every status), written by the product grain after each
/// change, read by <see cref="CatalogQueryGrain"/>. In memory for the embedded default and tests;
/// PostgreSQL (<see cref="PostgresCatalogIndex"/>) in a cluster. Queries arrive normalized by <see cref="CatalogQueries"/>.
/// </summary>
public interface ICatalogIndex
{
    Task UpsertAsync(CatalogItem item, CancellationToken cancellationToken = default);

    /// <summary>Listed products matching the query.</summary>
    Task<CatalogPage> BrowseAsync(CatalogQuery query, CancellationToken cancellationToken = default);

    /// <summary>Products in <paramref name="status"/>, least recently updated first.</summary>
    Task<CatalogPage> ListByStatusAsync(ProductStatus status, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>SKUs of products (any status) in the category or below it.</summary>
    Task<IReadOnlyList<string>> SkusInCategoryAsync(string categoryPath, CancellationToken cancellationToken = default);
}
