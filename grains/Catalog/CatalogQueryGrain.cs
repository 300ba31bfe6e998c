using Commerce.GrainInterfaces.Catalog;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Catalog;

/// <summary>Answers browse and admin listing queries from the catalog index, on every silo that asks.</summary>
[GrainType("catalog-query")]
[StatelessWorker]
public sealed class CatalogQueryGrain(ICatalogIndex index, IOptions<CatalogOptions> options) : Grain, ICatalogQueryGrain
{
    public Task<CatalogPage> BrowseAsync(CatalogQuery query) =>
        index.BrowseAsync(CatalogQueries.Normalize(query, options.Value.MaxPageSize));

    public Task<CatalogPage> ListByStatusAsync(ProductStatus status, int page, int pageSize)
    {
        if (!Enum.IsDefined(status)) throw new GrainInterfaces.Common.InvalidInputException("status", "Unknown product status.");
        var (p, size) = CatalogQueries.NormalizePaging(page, pageSize, options.Value.MaxPageSize);
        return index.ListByStatusAsync(status, p, size);
    }
}
