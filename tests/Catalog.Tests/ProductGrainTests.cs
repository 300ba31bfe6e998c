using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.Grains.Testing;
using FluentAssertions;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

public sealed class ProductGrainTests : IAsyncLifetime
{
    private CommerceTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CatalogCluster.StartAsync();
        await CreateCategoriesAsync(_cluster.GrainFactory);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IProductGrain Product(string sku) => _cluster.GrainFactory.GetGrain<IProductGrain>(sku);

    [Fact]
    public async Task A_product_that_was_never_created_reads_as_null_and_refuses_workflow_calls()
    {
        (await Product("nope").GetAsync()).Should().BeNull();
        await Product("nope").Invoking(p => p.SubmitAsync(Merchant)).Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task A_created_product_is_a_draft_with_its_information()
    {
        var created = await Product("sku-1").CreateAsync(Complete(), Merchant);

        created.Status.Should().Be(ProductStatus.Draft);
        var read = await Product("sku-1").GetAsync();
        read!.Name.Should().Be("Pixel Phone");
        read.Price.Should().Be(new Money(499m, "EUR"));
        read.CategoryPath.Should().Be("electronics/phones");
        read.Images.Should().Equal("https://img.example.com/1.jpg");
        read.Specs.Should().ContainKey("color");
        read.Tags.Should().Contain(new ProductTag("style", "minimal"));
    }

    [Fact]
    public async Task Creating_twice_is_a_conflict()
    {
        await Product("sku-dup").CreateAsync(Complete(), Merchant);
        (await Product("sku-dup").Invoking(p => p.CreateAsync(Complete(), Merchant)).Should().ThrowAsync<ConflictException>())
            .Which.Code.Should().Be("already-exists");
    }

    [Fact]
    public async Task Invalid_input_is_refused_naming_the_field_across_the_grain_boundary()
    {
        (await Product("sku-bad").Invoking(p => p.CreateAsync(Complete() with { Price = new Money(0m, "EUR") }, Merchant))
            .Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("price.amount");
        (await Product("sku-bad").Invoking(p => p.CreateAsync(Complete() with { CategoryPath = "toys" }, Merchant))
            .Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("categoryPath");
        (await Product("sku-bad").Invoking(p => p.CreateAsync(Complete(), " "))
            .Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("actor");
        (await Product("sku-bad").GetAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Submitting_an_incomplete_product_is_refused_with_code_incomplete()
    {
        var product = Product("sku-incomplete");
        await product.CreateAsync(Complete() with { Description = null, Images = [] }, Merchant);

        var completeness = await product.GetCompletenessAsync();
        completeness.Missing.Should().BeEquivalentTo("description", "images");
        (await product.Invoking(p => p.SubmitAsync(Merchant)).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("incomplete");
        (await product.GetAsync())!.Status.Should().Be(ProductStatus.Draft);
    }

    [Fact]
    public async Task The_full_workflow_records_every_transition_with_time_and_actor()
    {
        var product = Product("sku-flow");
        await product.CreateAsync(Complete(), Merchant);
        await product.SubmitAsync(Merchant);
        await product.RejectAsync("blurry photo", Admin);
        (await product.GetAsync())!.RejectionReason.Should().Be("blurry photo");
        await product.UpdateAsync(Complete() with { Images = ["https://img.example.com/sharp.jpg"] }, Merchant);
        await product.SubmitAsync(Merchant);
        await product.ApproveAsync(Admin);
        await product.ListAsync(Admin);
        await product.DelistAsync(Admin, "season over");

        var history = await product.GetHistoryAsync();
        history.Select(h => (h.From, h.To, h.Actor)).Should().Equal(
            (ProductStatus.Draft, ProductStatus.Draft, Merchant),
            (ProductStatus.Draft, ProductStatus.Submitted, Merchant),
            (ProductStatus.Submitted, ProductStatus.Rejected, Admin),
            (ProductStatus.Rejected, ProductStatus.Submitted, Merchant),
            (ProductStatus.Submitted, ProductStatus.Approved, Admin),
            (ProductStatus.Approved, ProductStatus.Listed, Admin),
            (ProductStatus.Listed, ProductStatus.Delisted, Admin));
        history[2].Reason.Should().Be("blurry photo");
        history[^1].Reason.Should().Be("season over");
        history.Select(h => h.At).Should().BeInAscendingOrder();
        (await product.GetAsync())!.Status.Should().Be(ProductStatus.Delisted);
    }

    [Fact]
    public async Task Illegal_transitions_are_conflicts_and_change_nothing()
    {
        var product = Product("sku-illegal");
        await product.CreateAsync(Complete(), Merchant);

        (await product.Invoking(p => p.ListAsync(Admin)).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");
        (await product.Invoking(p => p.ApproveAsync(Admin)).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");
        (await product.Invoking(p => p.DelistAsync(Admin, null)).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");
        await product.SubmitAsync(Merchant);
        (await product.Invoking(p => p.SubmitAsync(Merchant)).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");
        (await product.GetAsync())!.Status.Should().Be(ProductStatus.Submitted);
    }

    [Fact]
    public async Task Editing_an_approved_product_sends_it_back_to_review()
    {
        var product = Product("sku-edit");
        await product.CreateAsync(Complete(), Merchant);
        await product.SubmitAsync(Merchant);
        await product.ApproveAsync(Admin);

        var edited = await product.UpdateAsync(Complete(price: 450m), Merchant);

        edited.Status.Should().Be(ProductStatus.Draft);
        edited.Price.Amount.Should().Be(450m);
    }

    [Fact]
    public async Task Reviews_update_the_rating_summary_and_bad_ratings_are_refused()
    {
        var product = Product("sku-rated");
        await product.CreateAsync(Complete(), Merchant);
        await product.ApplyReviewAsync(5);
        await product.ApplyReviewAsync(4);
        await product.ApplyReviewAsync(3);

        var read = (await product.GetAsync())!;
        read.RatingCount.Should().Be(3);
        read.RatingAverage.Should().Be(4.0);
        (await product.Invoking(p => p.ApplyReviewAsync(6)).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("rating");
    }

    [Fact]
    public async Task Behaviour_tags_accumulate_weights_per_dimension_and_value()
    {
        var product = Product("sku-tags");
        await product.CreateAsync(Complete(), Merchant);
        await product.AddBehaviourTagsAsync([new ProductTag("audience", "students", 0.5), new ProductTag("Audience", "Gamers", 0.25)]);
        await product.AddBehaviourTagsAsync([new ProductTag("audience", "students", 0.75)]);

        var tags = (await product.GetAsync())!.Tags;
        tags.Should().Contain(new ProductTag("audience", "students", 1.25));
        tags.Should().Contain(new ProductTag("audience", "gamers", 0.25));
        tags.Should().Contain(new ProductTag("style", "minimal"));
        (await product.Invoking(p => p.AddBehaviourTagsAsync([new ProductTag("audience", "x", -1)])).Should().ThrowAsync<InvalidInputException>())
            .Which.Field.Should().Be("tags[0].weight");
    }

    [Fact]
    public async Task A_scheduled_listing_lists_the_product_when_its_reminder_fires()
    {
        var product = Product("sku-scheduled");
        await product.CreateAsync(Complete(), Merchant);
        await product.SubmitAsync(Merchant);
        await product.ApproveAsync(Admin);

        var at = DateTimeOffset.UtcNow.AddMilliseconds(400);
        (await product.ScheduleListingAsync(at, Admin)).ScheduledListingAt.Should().Be(at.ToUniversalTime());
        (await product.GetAsync())!.Status.Should().Be(ProductStatus.Approved);

        (await CatalogCluster.EventuallyAsync(async () => (await product.GetAsync())!.Status == ProductStatus.Listed)).Should().BeTrue();
        var read = (await product.GetAsync())!;
        read.ScheduledListingAt.Should().BeNull();
        read.ListedAt.Should().BeOnOrAfter(at);
        (await product.GetHistoryAsync())[^1].Should().Match<ProductTransition>(t => t.Actor == Admin && t.Reason == "scheduled");
    }

    [Fact]
    public async Task A_scheduled_delisting_delists_the_listed_product()
    {
        var product = await ListedAsync(_cluster.GrainFactory, "sku-sched-delist");

        await product.ScheduleDelistingAsync(DateTimeOffset.UtcNow.AddMilliseconds(300), Admin);

        (await CatalogCluster.EventuallyAsync(async () => (await product.GetAsync())!.Status == ProductStatus.Delisted)).Should().BeTrue();
    }

    [Fact]
    public async Task Scheduling_a_listing_for_a_draft_is_a_conflict()
    {
        var product = Product("sku-sched-draft");
        await product.CreateAsync(Complete(), Merchant);
        (await product.Invoking(p => p.ScheduleListingAsync(DateTimeOffset.UtcNow.AddHours(1), Admin)).Should().ThrowAsync<ConflictException>())
            .Which.Code.Should().Be("invalid-transition");
    }

    [Fact]
    public async Task Moving_a_category_repaths_its_products()
    {
        await ListedAsync(_cluster.GrainFactory, "sku-move", Complete(category: "electronics/laptops"));
        var tree = _cluster.GrainFactory.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.SingletonKey);

        var moved = await tree.MoveAsync("electronics/laptops", "home");

        moved.Path.Should().Be("home/laptops");
        (await Product("sku-move").GetAsync())!.CategoryPath.Should().Be("home/laptops");
        (await tree.GetAsync("electronics/laptops")).Should().BeNull();
    }
}
