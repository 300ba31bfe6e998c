using Commerce.GrainInterfaces.Catalog;
using Commerce.Grains;
using Commerce.Grains.Catalog;
using Commerce.Grains.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

/// <summary>
/// A product's state is saved before its catalog entry: when the index refuses the write, the call still succeeds and
/// the entry catches up with the product's latest state by itself.
/// </summary>
public sealed class CatalogEntryCatchUpTests
{
    private readonly InMemoryCatalogIndex _entries = new();
    private readonly FlakyCatalogIndex _index;

    public CatalogEntryCatchUpTests() => _index = new FlakyCatalogIndex(_entries);

    private Task<CommerceTestCluster> StartAsync(TimeSpan initialRetryDelay) =>
        CatalogCluster.StartAsync(services: s =>
        {
            s.RemoveAll<ICatalogIndex>();
            s.AddSingleton<ICatalogIndex>(_index);
            s.Configure<ReadModelProjectionOptions>(o =>
            {
                o.InitialRetryDelay = initialRetryDelay;
                o.MaxRetryDelay = initialRetryDelay * 4;
            });
        });

    [Fact]
    public async Task A_failed_index_write_does_not_fail_the_call_and_the_entry_catches_up_by_itself()
    {
        await using var cluster = await StartAsync(TimeSpan.FromMilliseconds(100));
        await CreateCategoriesAsync(cluster.GrainFactory);
        var product = await ListedAsync(cluster.GrainFactory, "sku-blip");

        _index.FailNextWrites(3);
        var updated = await product.UpdateAsync(Complete("Pixel Phone 2"), Merchant);

        _index.FailedWrites.Should().BeGreaterThan(0);
        (await CatalogCluster.EventuallyAsync(async () => (await EntryAsync("sku-blip"))?.Name == "Pixel Phone 2", TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the product retries its entry without any further call");
        _index.FailedWrites.Should().Be(3);
        (await EntryAsync("sku-blip")).Should().Be(ExpectedEntry(updated));
    }

    [Fact]
    public async Task The_entry_catches_up_with_the_latest_state_when_the_product_changed_again_while_the_index_failed()
    {
        await using var cluster = await StartAsync(TimeSpan.FromMilliseconds(200));
        await CreateCategoriesAsync(cluster.GrainFactory);
        var product = await ListedAsync(cluster.GrainFactory, "sku-busy");

        _index.FailNextWrites(2);
        await product.UpdateAsync(Complete("Pixel Phone 2"), Merchant);
        await product.ApplyReviewAsync(4);
        var latest = await product.UpdateAsync(Complete("Pixel Phone 3", price: 449m), Merchant);
        await product.DelistAsync(Admin);
        latest = (await product.GetAsync())!;

        (await CatalogCluster.EventuallyAsync(async () => (await EntryAsync("sku-busy"))?.Status == ProductStatus.Delisted, TimeSpan.FromSeconds(5)))
            .Should().BeTrue();
        (await EntryAsync("sku-busy")).Should().Be(ExpectedEntry(latest));
        latest.Name.Should().Be("Pixel Phone 3");
        latest.RatingCount.Should().Be(1);
    }

    [Fact]
    public async Task A_stale_entry_is_healed_when_the_product_is_activated_again()
    {
        // Retries far in the future: only the reactivation can repair the entry within the test.
        await using var cluster = await StartAsync(TimeSpan.FromHours(1));
        await CreateCategoriesAsync(cluster.GrainFactory);
        var product = await ListedAsync(cluster.GrainFactory, "sku-stale");

        _index.FailNextWrites(1);
        await product.UpdateAsync(Complete("Pixel Phone 2"), Merchant);
        (await EntryAsync("sku-stale"))!.Name.Should().Be("Pixel Phone", "the write failed and the retry is an hour away");

        (await CatalogCluster.EventuallyAsync(async () =>
        {
            await cluster.CollectIdleActivationsAsync();
            return !cluster.IsActive(product.GetGrainId());
        })).Should().BeTrue("the idle product is deactivated");

        var read = await product.GetAsync();

        (await CatalogCluster.EventuallyAsync(async () => (await EntryAsync("sku-stale"))?.Name == "Pixel Phone 2", TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the new activation finds its entry marked stale and writes it again");
        (await EntryAsync("sku-stale")).Should().Be(ExpectedEntry(read!));
    }

    private async Task<CatalogItem?> EntryAsync(string sku)
    {
        foreach (var status in Enum.GetValues<ProductStatus>())
        {
            var page = await _entries.ListByStatusAsync(status, 1, 100);
            if (page.Items.FirstOrDefault(i => i.Sku == sku) is { } item) return item;
        }
        return null;
    }

    private static CatalogItem ExpectedEntry(ProductSnapshot p) => new(
        p.Sku, p.Name, p.Brand, p.Description, p.Price, p.CategoryPath, p.Status, p.Images.FirstOrDefault(), p.RatingAverage, p.RatingCount,
        p.InStock, p.UpdatedAt, p.ListedAt);
}
