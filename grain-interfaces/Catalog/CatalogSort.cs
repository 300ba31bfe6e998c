namespace Commerce.GrainInterfaces.Catalog;

/// <summary>Orders of a catalog browse.</summary>
public enum CatalogSort
{
    Newest,
    PriceAscending,
    PriceDescending,
    Rating,
    Name,
}
