using Commerce.GrainInterfaces.Catalog;
using Commerce.Grains;
using Commerce.Grains.Catalog;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresCatalogEntryCatchUpTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_product_changed_while_the_PostgreSQL_index_refuses_writes_catches_up_once_it_accepts_them()
    {
        var connectionString = await postgres.CreateDatabaseAsync("catalog_catch_up");
        await using var admin = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(admin, migrationAssemblies: [CommerceSchema.MigrationAssembly]).MigrateAsync();
        await using var cluster = await CatalogCluster.StartAsync(services: s =>
        {
            s.UsePostgresCatalog(connectionString);
            s.Configure<ReadModelProjectionOptions>(o =>
            {
                o.InitialRetryDelay = TimeSpan.FromMilliseconds(100);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(400);
            });
        });
        await CreateCategoriesAsync(cluster.GrainFactory);
        var product = await ListedAsync(cluster.GrainFactory, "sku-pg");
        var index = cluster.Services.GetRequiredService<ICatalogIndex>();

        // Fault injection: with the table renamed away every upsert fails in PostgreSQL (undefined table).
        await admin.CreateCommand("ALTER TABLE catalog_products RENAME TO catalog_products_away").ExecuteNonQueryAsync();
        await product.UpdateAsync(Complete("Pixel Phone 2"), Merchant);
        var latest = await product.UpdateAsync(Complete("Pixel Phone 3"), Merchant);
        await Task.Delay(300);
        await admin.CreateCommand("ALTER TABLE catalog_products_away RENAME TO catalog_products").ExecuteNonQueryAsync();

        (await CatalogCluster.EventuallyAsync(async () =>
            (await index.ListByStatusAsync(ProductStatus.Listed, 1, 10)).Items.Any(i => i.Sku == "sku-pg" && i.Name == "Pixel Phone 3"), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the product keeps retrying its entry and writes its latest state");
        var entry = (await index.ListByStatusAsync(ProductStatus.Listed, 1, 10)).Items.Single(i => i.Sku == "sku-pg");
        entry.UpdatedAt.Should().BeCloseTo(latest.UpdatedAt, TimeSpan.FromMilliseconds(1), "PostgreSQL keeps microseconds");
        entry.Price.Should().Be(latest.Price);
    }
}
