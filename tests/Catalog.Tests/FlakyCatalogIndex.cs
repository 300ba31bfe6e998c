using Commerce.GrainInterfaces.Catalog;
using Commerce.Grains.Catalog;

namespace Commerce.Catalog.Tests;

/// <summary>
/// Fault injection: the real in-memory catalog index whose next N writes fail as a database blip would (reads always
/// work), so tests can show that product grains survive the failure and repair their entry by themselves.
/// </summary>
public sealed class FlakyCatalogIndex(ICatalogIndex inner) : ICatalogIndex
{
    private int _failuresLeft;
    private int _failed;

    /// <summary>Writes that failed so far.</summary>
    public int FailedWrites => Volatile.Read(ref _failed);

    /// <summary>Makes the next <paramref name="writes"/> upserts throw (0 heals the index).</summary>
    public void FailNextWrites(int writes) => Volatile.Write(ref _failuresLeft, writes);

    public Task UpsertAsync(CatalogItem item, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref _failed);
            throw new TimeoutException("Injected failure: the catalog index did not answer.");
        }
        Interlocked.Exchange(ref _failuresLeft, 0);
        return inner.UpsertAsync(item, cancellationToken);
    }

    public Task<CatalogPage> BrowseAsync(CatalogQuery query, CancellationToken cancellationToken = default) => inner.BrowseAsync(query, cancellationToken);

    public Task<CatalogPage> ListByStatusAsync(ProductStatus status, int page, int pageSize, CancellationToken cancellationToken = default) =>
        inner.ListByStatusAsync(status, page, pageSize, cancellationToken);

    public Task<IReadOnlyList<string>> SkusInCategoryAsync(string categoryPath, CancellationToken cancellationToken = default) =>
        inner.SkusInCategoryAsync(categoryPath, cancellationToken);
}
