namespace Commerce.GrainInterfaces.Catalog;

/// <summary>
/// Answers catalog browse and admin listing queries from the catalog index (a stateless worker: call
/// it with key 0 from anywhere; each silo answers locally).
/// </summary>
[Alias("commerce.ICatalogQueryGrain")]
public interface ICatalogQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Listed products matching <paramref name="query"/>.</summary>
    [Alias("BrowseAsync")]
    Task<CatalogPage> BrowseAsync(CatalogQuery query);

    /// <summary>Products in <paramref name="status"/>, oldest update first (e.g. the review queue of submitted products).</summary>
    [Alias("ListByStatusAsync")]
    Task<CatalogPage> ListByStatusAsync(ProductStatus status, int page, int pageSize);
}
