using Commerce.GrainInterfaces.Catalog;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

/// <summary>Product grains whose state and reminders are in PostgreSQL, so they outlive the cluster.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresProductStockTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_scheduled_listing_survives_the_silo_going_away()
    {
        var connectionString = await CatalogCluster.CreateMigratedDatabaseAsync(postgres, "scheduled_listing");
        await using (var first = await CatalogCluster.StartAsync(silo: s => s.UsePostgresStorage(connectionString)))
        {
            await CreateCategoriesAsync(first.GrainFactory);
            var product = first.GrainFactory.GetGrain<IProductGrain>("sku-durable-listing");
            await product.CreateAsync(Complete(), Merchant);
            await product.SubmitAsync(Merchant);
            await product.ApproveAsync(Admin);
            await product.ScheduleListingAsync(DateTimeOffset.UtcNow.AddMilliseconds(800), Admin);
        }

        await using var second = await CatalogCluster.StartAsync(silo: s => s.UsePostgresStorage(connectionString));

        // The catalog index of the new silo only learns of the product from the grain the reminder wakes.
        (await CatalogCluster.EventuallyAsync(async () =>
            (await second.GrainFactory.GetGrain<ICatalogQueryGrain>(0).BrowseAsync(new CatalogQuery())).Items.Any(i => i.Sku == "sku-durable-listing"))).Should().BeTrue();
        (await second.GrainFactory.GetGrain<IProductGrain>("sku-durable-listing").GetAsync())!.Status.Should().Be(ProductStatus.Listed);
    }
}
