using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Inventory;
using FluentAssertions;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

public sealed class ProductStockTests
{
    [Fact]
    public async Task A_listed_product_out_of_stock_for_the_configured_time_is_delisted_and_relisted_on_restock()
    {
        await using var cluster = await CatalogCluster.StartAsync(catalog: o => o.AutoDelistAfter = TimeSpan.FromMilliseconds(300));
        await CreateCategoriesAsync(cluster.GrainFactory);
        var product = await ListedAsync(cluster.GrainFactory, "sku-stock");
        var inventory = cluster.GrainFactory.GetGrain<IInventoryGrain>("sku-stock");
        await inventory.SetStockAsync("w1", 1, Admin);

        await inventory.ReserveAsync("r1", 1, TimeSpan.FromMinutes(5), allowBackorder: false);
        await inventory.CommitAsync("r1");
        (await product.GetAsync())!.InStock.Should().BeFalse();

        (await CatalogCluster.EventuallyAsync(async () => (await product.GetAsync())!.Status == ProductStatus.Delisted)).Should().BeTrue();
        (await product.GetHistoryAsync())[^1].Should().Match<ProductTransition>(t => t.Actor == "system" && t.Reason == "out-of-stock");

        await inventory.ReceiveAsync("w1", 10, Admin);

        var relisted = (await product.GetAsync())!;
        relisted.Status.Should().Be(ProductStatus.Listed);
        relisted.InStock.Should().BeTrue();
        (await product.GetHistoryAsync())[^1].Reason.Should().Be("restocked");
    }

    [Fact]
    public async Task A_product_restocked_before_the_delay_stays_listed()
    {
        await using var cluster = await CatalogCluster.StartAsync(catalog: o => o.AutoDelistAfter = TimeSpan.FromMilliseconds(600));
        await CreateCategoriesAsync(cluster.GrainFactory);
        var product = await ListedAsync(cluster.GrainFactory, "sku-blip");
        var inventory = cluster.GrainFactory.GetGrain<IInventoryGrain>("sku-blip");
        await inventory.SetStockAsync("w1", 1, Admin);
        await inventory.SetStockAsync("w1", 0, Admin);
        await inventory.SetStockAsync("w1", 5, Admin);

        await Task.Delay(1000);

        (await product.GetAsync())!.Status.Should().Be(ProductStatus.Listed);
    }

    [Fact]
    public async Task A_product_delisted_by_hand_is_not_relisted_by_restock()
    {
        await using var cluster = await CatalogCluster.StartAsync(catalog: o => o.AutoDelistAfter = TimeSpan.FromHours(1));
        await CreateCategoriesAsync(cluster.GrainFactory);
        var product = await ListedAsync(cluster.GrainFactory, "sku-manual");
        var inventory = cluster.GrainFactory.GetGrain<IInventoryGrain>("sku-manual");
        await inventory.SetStockAsync("w1", 0, Admin);
        await product.DelistAsync(Admin, "discontinued");

        await inventory.ReceiveAsync("w1", 3, Admin);

        (await product.GetAsync())!.Status.Should().Be(ProductStatus.Delisted);
    }

    [Fact]
    public async Task A_product_created_after_its_stock_ran_out_hears_of_it_with_the_next_stock_change()
    {
        await using var cluster = await CatalogCluster.StartAsync(catalog: o => o.AutoDelistAfter = TimeSpan.FromHours(1));
        await CreateCategoriesAsync(cluster.GrainFactory);
        var inventory = cluster.GrainFactory.GetGrain<IInventoryGrain>("sku-late");
        await inventory.SetStockAsync("w1", 0, Admin);
        var product = await ListedAsync(cluster.GrainFactory, "sku-late");
        (await product.GetAsync())!.InStock.Should().BeTrue();

        await inventory.SetStockAsync("w2", 0, Admin);

        (await product.GetAsync())!.InStock.Should().BeFalse();
    }
}
