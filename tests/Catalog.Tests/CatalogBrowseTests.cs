using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using FluentAssertions;
using Orleans;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

/// <summary>Browsing through the query grain, fed by product grains (in memory; see <see cref="PostgresCatalogBrowseTests"/>).</summary>
public sealed class CatalogBrowseTests
{
    internal static async Task SeedAsync(IGrainFactory grains)
    {
        await CreateCategoriesAsync(grains);
        await ListedAsync(grains, "phone-a", Complete("Alpha phone", 300m));
        await ListedAsync(grains, "phone-b", Complete("Beta phone", 700m));
        await ListedAsync(grains, "laptop-c", Complete("Gamma laptop", 1500m, "electronics/laptops"));
        var draft = grains.GetGrain<IProductGrain>("phone-draft");
        await draft.CreateAsync(Complete("Draft phone", 100m), Merchant);
        var waiting = grains.GetGrain<IProductGrain>("phone-waiting");
        await waiting.CreateAsync(Complete("Waiting phone", 100m), Merchant);
        await waiting.SubmitAsync(Merchant);
    }

    internal static async Task BrowsingFindsListedProductsAsync(IGrainFactory grains)
    {
        var query = grains.GetGrain<ICatalogQueryGrain>(0);

        var phones = await query.BrowseAsync(new CatalogQuery(CategoryPath: "electronics/phones", Sort: CatalogSort.PriceDescending));
        phones.Items.Select(i => i.Sku).Should().Equal("phone-b", "phone-a");
        phones.Total.Should().Be(2);

        var electronics = await query.BrowseAsync(new CatalogQuery(CategoryPath: "electronics", MinPrice: 500m, Sort: CatalogSort.PriceAscending));
        electronics.Items.Select(i => i.Sku).Should().Equal("phone-b", "laptop-c");

        (await query.BrowseAsync(new CatalogQuery(Text: "gamma"))).Items.Should().ContainSingle().Which.Sku.Should().Be("laptop-c");

        var queue = await query.ListByStatusAsync(ProductStatus.Submitted, 1, 10);
        queue.Items.Select(i => i.Sku).Should().Equal("phone-waiting");
        (await query.ListByStatusAsync(ProductStatus.Draft, 1, 10)).Items.Select(i => i.Sku).Should().Equal("phone-draft");

        // A delisted product leaves the browse results at once.
        await grains.GetGrain<IProductGrain>("phone-a").DelistAsync(Admin, null);
        (await query.BrowseAsync(new CatalogQuery(CategoryPath: "electronics/phones"))).Items.Select(i => i.Sku).Should().Equal("phone-b");
    }

    [Fact]
    public async Task Browsing_finds_listed_products_by_category_price_and_text()
    {
        await using var cluster = await CatalogCluster.StartAsync();
        await SeedAsync(cluster.GrainFactory);
        await BrowsingFindsListedProductsAsync(cluster.GrainFactory);
    }

    [Fact]
    public async Task The_page_size_is_capped_and_bad_queries_name_the_field()
    {
        await using var cluster = await CatalogCluster.StartAsync(catalog: o => o.MaxPageSize = 2);
        await SeedAsync(cluster.GrainFactory);
        var query = cluster.GrainFactory.GetGrain<ICatalogQueryGrain>(0);

        var page = await query.BrowseAsync(new CatalogQuery(PageSize: 500));
        page.PageSize.Should().Be(2);
        page.Items.Should().HaveCount(2);
        page.Total.Should().Be(3);

        (await query.Invoking(q => q.BrowseAsync(new CatalogQuery(Page: 0))).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("page");
        (await query.Invoking(q => q.BrowseAsync(new CatalogQuery(MinPrice: 10, MaxPrice: 5))).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("minPrice");
        (await query.Invoking(q => q.BrowseAsync(new CatalogQuery(CategoryPath: "Bad Path!"))).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("categoryPath");
    }

    [Fact]
    public async Task Ratings_reach_the_catalog_and_sort_it()
    {
        await using var cluster = await CatalogCluster.StartAsync();
        await SeedAsync(cluster.GrainFactory);
        await cluster.GrainFactory.GetGrain<IProductGrain>("phone-a").ApplyReviewAsync(5);
        await cluster.GrainFactory.GetGrain<IProductGrain>("laptop-c").ApplyReviewAsync(3);

        var page = await cluster.GrainFactory.GetGrain<ICatalogQueryGrain>(0).BrowseAsync(new CatalogQuery(Sort: CatalogSort.Rating));

        page.Items.Select(i => i.Sku).Should().Equal("phone-a", "laptop-c", "phone-b");
        page.Items[0].RatingAverage.Should().Be(5);
    }
}
