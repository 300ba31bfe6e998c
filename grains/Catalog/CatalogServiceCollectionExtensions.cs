using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Grains.Catalog;

/// <summary>Services of the product, category and catalog query grains.</summary>
public static class CatalogServiceCollectionExtensions
{
    /// <summary>Options and the in-memory catalog index (the embedded default).</summary>
    public static IServiceCollection AddCatalogGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CatalogOptions>().BindConfiguration("Catalog");
        services.AddOptions<ReadModelProjectionOptions>().BindConfiguration("ReadModelProjection");
        services.TryAddSingleton<ICatalogIndex, InMemoryCatalogIndex>();
        return services;
    }

    /// <summary>Swaps in the PostgreSQL catalog index (table from migration 100).</summary>
    public static IServiceCollection UsePostgresCatalog(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.RemoveAll<ICatalogIndex>();
        services.AddReadModelDatabase(connectionString);
        services.AddSingleton<ICatalogIndex>(sp => new PostgresCatalogIndex(sp.GetReadModelDatabase(connectionString)));
        return services;
    }
}
