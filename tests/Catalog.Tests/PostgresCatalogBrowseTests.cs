using Commerce.Grains.Catalog;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Catalog.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresCatalogBrowseTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Browsing_through_the_query_grain_reads_the_PostgreSQL_index_the_products_write()
    {
        var connectionString = await postgres.CreateDatabaseAsync("catalog_browse");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(dataSource, migrationAssemblies: [typeof(PostgresCatalogIndex).Assembly]).MigrateAsync();
        }
        await using var cluster = await CatalogCluster.StartAsync(services: s => s.UsePostgresCatalog(connectionString));

        await CatalogBrowseTests.SeedAsync(cluster.GrainFactory);
        await CatalogBrowseTests.BrowsingFindsListedProductsAsync(cluster.GrainFactory);
    }
}
