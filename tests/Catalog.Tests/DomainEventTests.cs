using Commerce.Catalog.Tests.Grains;
using Commerce.GrainInterfaces.Inventory;
using FluentAssertions;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

public sealed class DomainEventTests
{
    [Fact]
    public async Task Workflow_transitions_are_published_on_the_product_stream()
    {
        await using var cluster = await CatalogCluster.StartAsync();
        await CreateCategoriesAsync(cluster.GrainFactory);
        var product = await ListedAsync(cluster.GrainFactory, "sku-events");
        await product.DelistAsync(Admin, null);

        var recorder = cluster.GrainFactory.GetGrain<IProductEventRecorderGrain>("sku-events");
        (await CatalogCluster.EventuallyAsync(async () => (await recorder.GetKindsAsync()).Count >= 4)).Should().BeTrue();
        (await recorder.GetKindsAsync()).Should().Equal("submitted", "approved", "listed", "delisted");
    }

    [Fact]
    public async Task Low_stock_and_out_of_stock_are_published_on_the_inventory_stream()
    {
        await using var cluster = await CatalogCluster.StartAsync();
        var inventory = cluster.GrainFactory.GetGrain<IInventoryGrain>("sku-stock-events");
        await inventory.SetStockAsync("w1", 5, Admin);
        await inventory.SetLowStockThresholdAsync(2);
        await inventory.ReserveAsync("r1", 3, TimeSpan.FromMinutes(5), false);
        await inventory.ReserveAsync("r2", 2, TimeSpan.FromMinutes(5), false);
        await inventory.ReleaseAsync("r2");

        var recorder = cluster.GrainFactory.GetGrain<IInventoryEventRecorderGrain>("sku-stock-events");
        (await CatalogCluster.EventuallyAsync(async () => (await recorder.GetKindsAsync()).Count >= 3)).Should().BeTrue();
        (await recorder.GetKindsAsync()).Should().Equal("low-stock", "out-of-stock", "back-in-stock");
    }
}
