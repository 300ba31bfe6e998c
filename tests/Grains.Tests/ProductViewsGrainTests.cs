using Commerce.GrainInterfaces.Catalog;
using Commerce.Grains;
using Commerce.Grains.Catalog;
using Commerce.Runtime;
using Commerce.Runtime.Storage;
using Commerce.Runtime.Testing;
using Commerce.Runtime.Hosting;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Commerce.Grains.Tests;

public sealed class ProductViewsGrainTests
{
    private static Task<TestCluster> StartAsync(MemoryGrainStorage storage, TimeSpan flushInterval) =>
        TestCluster.StartAsync(
            silo => silo.AddGrainStorage(StorageNames.Default, _ => storage),
            services => services.AddCommerceGrains().Configure<ProductViewsOptions>(o =>
            {
                o.FlushInterval = flushInterval;
                o.RecentViewers = 3;
            }));

    [Fact]
    public async Task Views_are_counted_and_recent_viewers_are_distinct_newest_first_and_bounded()
    {
        await using var cluster = await StartAsync(new MemoryGrainStorage(), TimeSpan.FromMinutes(1));
        var views = cluster.GrainFactory.GetGrain<IProductViewsGrain>("sku-1");

        foreach (var viewer in new[] { "ann", "bob", "ann", null, "cy", "dee" }) await views.RecordViewAsync(viewer);
        var stats = await views.GetStatsAsync();

        stats.Views.Should().Be(6);
        stats.RecentViewers.Should().Equal("dee", "cy", "ann");
        stats.LastViewedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Counted_views_are_written_on_the_flush_interval()
    {
        var storage = new MemoryGrainStorage();
        await using var cluster = await StartAsync(storage, TimeSpan.FromMilliseconds(100));
        await cluster.GrainFactory.GetGrain<IProductViewsGrain>("sku-2").RecordViewAsync("ann");

        await Task.Delay(400);

        var stored = await ReadStoredAsync(storage, "sku-2");
        stored.Should().NotBeNull();
        stored!.Views.Should().Be(1);
    }

    [Fact]
    public async Task Views_are_written_when_the_silo_shuts_down_and_read_back_by_the_next_silo()
    {
        var storage = new MemoryGrainStorage();
        await using (var first = await StartAsync(storage, TimeSpan.FromMinutes(10)))
        {
            for (var i = 0; i < 5; i++) await first.GrainFactory.GetGrain<IProductViewsGrain>("sku-3").RecordViewAsync($"u{i}");
        }

        await using var second = await StartAsync(storage, TimeSpan.FromMinutes(10));

        (await second.GrainFactory.GetGrain<IProductViewsGrain>("sku-3").GetStatsAsync()).Views.Should().Be(5);
    }

    private static Task<ProductViewsState?> ReadStoredAsync(MemoryGrainStorage storage, string sku) =>
        StoredGrainState.ReadAsync<ProductViewsState>(storage, "views", GrainId.Create(new GrainType("product-views"), sku));
}
