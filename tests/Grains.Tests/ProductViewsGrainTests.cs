using Commerce.GrainInterfaces.Catalog;
using Commerce.Grains.Catalog;
using Commerce.Grains.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit;

namespace Commerce.Grains.Tests;

public sealed class ProductViewsGrainTests
{
    internal static Task<CommerceTestCluster> StartAsync(TimeSpan flushInterval, Action<ISiloBuilder>? silo = null) =>
        CommerceTestCluster.StartAsync(
            silo,
            services => services.Configure<ProductViewsOptions>(o =>
            {
                o.FlushInterval = flushInterval;
                o.RecentViewers = 3;
            }));

    [Fact]
    public async Task Views_are_counted_and_recent_viewers_are_distinct_newest_first_and_bounded()
    {
        await using var cluster = await StartAsync(TimeSpan.FromMinutes(1));
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
        await using var cluster = await StartAsync(TimeSpan.FromMilliseconds(100));
        await cluster.GrainFactory.GetGrain<IProductViewsGrain>("sku-2").RecordViewAsync("ann");

        await Task.Delay(400);

        var stored = await ReadStoredAsync(cluster, "sku-2");
        stored.Should().NotBeNull();
        stored!.Views.Should().Be(1);
    }

    private static Task<ProductViewsState?> ReadStoredAsync(CommerceTestCluster cluster, string sku) =>
        StoredGrainState.ReadAsync<ProductViewsState>(StoredGrainState.DefaultStorage(cluster.Services), "views", GrainId.Create("product-views", sku));
}
