using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.Grains.Catalog;
using FluentAssertions;

namespace Commerce.Catalog.Tests;

/// <summary>What every catalog index does, run against the in-memory and the PostgreSQL one.</summary>
public abstract class CatalogIndexContract
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract Task<ICatalogIndex> CreateIndexAsync();

    private static CatalogQuery Query(CatalogQuery query) => CatalogQueries.Normalize(query, maxPageSize: 50);

    private static CatalogItem Item(string sku, string name, decimal price, string category, int listedMinute, double rating = 0, ProductStatus status = ProductStatus.Listed, string? brand = "Acme") =>
        new(sku, name, brand, $"About {name}", new Money(price, "EUR"), category, status, $"https://img.example.com/{sku}.jpg",
            rating, rating > 0 ? 10 : 0, true, T0.AddMinutes(listedMinute), status == ProductStatus.Listed ? T0.AddMinutes(listedMinute) : null);

    private async Task<ICatalogIndex> SeededAsync()
    {
        var index = await CreateIndexAsync();
        await index.UpsertAsync(Item("p1", "Pixel", 499m, "electronics/phones", 1, rating: 4.5));
        await index.UpsertAsync(Item("p2", "iPhone", 999m, "electronics/phones/apple", 2, rating: 4.8));
        await index.UpsertAsync(Item("p3", "ThinkPad", 1299m, "electronics/laptops", 3, rating: 4.1));
        await index.UpsertAsync(Item("p4", "Armchair", 250m, "home", 4, rating: 3.9, brand: "Sofa Co"));
        await index.UpsertAsync(Item("p5", "Draft phone", 10m, "electronics/phones", 5, status: ProductStatus.Draft));
        await index.UpsertAsync(Item("p6", "Waiting phone", 20m, "electronics/phones", 6, status: ProductStatus.Submitted));
        await index.UpsertAsync(Item("p7", "electronics_fake", 30m, "electronicsx", 7));
        return index;
    }

    [Fact]
    public async Task Browse_returns_only_listed_products_newest_first_with_the_total()
    {
        var index = await SeededAsync();
        var page = await index.BrowseAsync(Query(new CatalogQuery()));
        page.Items.Select(i => i.Sku).Should().Equal("p7", "p4", "p3", "p2", "p1");
        page.Total.Should().Be(5);
    }

    [Fact]
    public async Task A_category_filter_includes_subcategories_but_not_lookalike_prefixes()
    {
        var index = await SeededAsync();
        var page = await index.BrowseAsync(Query(new CatalogQuery(CategoryPath: "electronics", Sort: CatalogSort.Name)));
        page.Items.Select(i => i.Sku).Should().Equal("p2", "p1", "p3");
        (await index.BrowseAsync(Query(new CatalogQuery(CategoryPath: "electronics/phones")))).Items.Select(i => i.Sku).Should().BeEquivalentTo(["p1", "p2"]);
    }

    [Fact]
    public async Task Text_matches_name_brand_or_description_case_insensitively()
    {
        var index = await SeededAsync();
        (await index.BrowseAsync(Query(new CatalogQuery(Text: "PHONE")))).Items.Select(i => i.Sku).Should().BeEquivalentTo(["p2"]);
        (await index.BrowseAsync(Query(new CatalogQuery(Text: "sofa")))).Items.Select(i => i.Sku).Should().Equal("p4");
        (await index.BrowseAsync(Query(new CatalogQuery(Text: "about think")))).Items.Select(i => i.Sku).Should().Equal("p3");
        // LIKE wildcards in the text are matched literally.
        (await index.BrowseAsync(Query(new CatalogQuery(Text: "so_a")))).Total.Should().Be(0);
        (await index.BrowseAsync(Query(new CatalogQuery(Text: "%")))).Total.Should().Be(0);
    }

    [Fact]
    public async Task A_price_range_is_inclusive()
    {
        var index = await SeededAsync();
        var page = await index.BrowseAsync(Query(new CatalogQuery(MinPrice: 250m, MaxPrice: 999m, Sort: CatalogSort.PriceAscending)));
        page.Items.Select(i => i.Sku).Should().Equal("p4", "p1", "p2");
    }

    [Theory]
    [InlineData(CatalogSort.PriceAscending, new[] { "p7", "p4", "p1", "p2", "p3" })]
    [InlineData(CatalogSort.PriceDescending, new[] { "p3", "p2", "p1", "p4", "p7" })]
    [InlineData(CatalogSort.Rating, new[] { "p2", "p1", "p3", "p4", "p7" })]
    [InlineData(CatalogSort.Name, new[] { "p4", "p7", "p2", "p1", "p3" })]
    [InlineData(CatalogSort.Newest, new[] { "p7", "p4", "p3", "p2", "p1" })]
    public async Task Every_sort_order_is_applied(CatalogSort sort, string[] expected)
    {
        var index = await SeededAsync();
        (await index.BrowseAsync(Query(new CatalogQuery(Sort: sort)))).Items.Select(i => i.Sku).Should().Equal(expected);
    }

    [Fact]
    public async Task Pages_split_the_matches_and_keep_the_total()
    {
        var index = await SeededAsync();
        var second = await index.BrowseAsync(Query(new CatalogQuery(Sort: CatalogSort.PriceAscending, Page: 2, PageSize: 2)));
        second.Items.Select(i => i.Sku).Should().Equal("p1", "p2");
        second.Total.Should().Be(5);
        var beyond = await index.BrowseAsync(Query(new CatalogQuery(Page: 9, PageSize: 2)));
        beyond.Items.Should().BeEmpty();
        beyond.Total.Should().Be(5);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_entry()
    {
        var index = await SeededAsync();
        await index.UpsertAsync(Item("p1", "Pixel", 399m, "electronics/phones", 1) with { Status = ProductStatus.Delisted });
        (await index.BrowseAsync(Query(new CatalogQuery()))).Items.Select(i => i.Sku).Should().NotContain("p1");
        await index.UpsertAsync(Item("p1", "Pixel 2", 399m, "electronics/phones", 1));
        var item = (await index.BrowseAsync(Query(new CatalogQuery(Text: "pixel")))).Items.Single();
        item.Name.Should().Be("Pixel 2");
        item.Price.Amount.Should().Be(399m);
        item.ImageUrl.Should().Be("https://img.example.com/p1.jpg");
        item.ListedAt.Should().Be(T0.AddMinutes(1));
    }

    [Fact]
    public async Task Admins_list_products_by_status_oldest_update_first()
    {
        var index = await SeededAsync();
        await index.UpsertAsync(Item("p8", "Another waiting", 5m, "home", 0, status: ProductStatus.Submitted));
        var queue = await index.ListByStatusAsync(ProductStatus.Submitted, 1, 10);
        queue.Items.Select(i => i.Sku).Should().Equal("p8", "p6");
        queue.Total.Should().Be(2);
    }

    [Fact]
    public async Task Skus_in_a_category_include_every_status_and_subcategory()
    {
        var index = await SeededAsync();
        (await index.SkusInCategoryAsync("electronics/phones")).Should().Equal("p1", "p2", "p5", "p6");
    }
}

public sealed class InMemoryCatalogIndexTests : CatalogIndexContract
{
    protected override Task<ICatalogIndex> CreateIndexAsync() => Task.FromResult<ICatalogIndex>(new InMemoryCatalogIndex());
}
