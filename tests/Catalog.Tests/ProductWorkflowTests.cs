using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.Grains.Catalog;
using FluentAssertions;

namespace Commerce.Catalog.Tests;

public sealed class ProductWorkflowTests
{
    [Theory]
    [InlineData(ProductStatus.Draft, ProductAction.Submit, ProductStatus.Submitted)]
    [InlineData(ProductStatus.Rejected, ProductAction.Submit, ProductStatus.Submitted)]
    [InlineData(ProductStatus.Submitted, ProductAction.Approve, ProductStatus.Approved)]
    [InlineData(ProductStatus.Submitted, ProductAction.Reject, ProductStatus.Rejected)]
    [InlineData(ProductStatus.Approved, ProductAction.List, ProductStatus.Listed)]
    [InlineData(ProductStatus.Delisted, ProductAction.List, ProductStatus.Listed)]
    [InlineData(ProductStatus.Listed, ProductAction.Delist, ProductStatus.Delisted)]
    [InlineData(ProductStatus.Approved, ProductAction.Edit, ProductStatus.Draft)]
    [InlineData(ProductStatus.Submitted, ProductAction.Edit, ProductStatus.Draft)]
    [InlineData(ProductStatus.Listed, ProductAction.Edit, ProductStatus.Listed)]
    public void Allowed_transitions_lead_to_the_next_status(ProductStatus from, ProductAction action, ProductStatus to) =>
        ProductWorkflow.Next(from, action).Should().Be(to);

    [Theory]
    [InlineData(ProductStatus.Draft, ProductAction.Approve)]
    [InlineData(ProductStatus.Draft, ProductAction.List)]
    [InlineData(ProductStatus.Submitted, ProductAction.List)]
    [InlineData(ProductStatus.Rejected, ProductAction.List)]
    [InlineData(ProductStatus.Approved, ProductAction.Reject)]
    [InlineData(ProductStatus.Listed, ProductAction.Submit)]
    [InlineData(ProductStatus.Listed, ProductAction.List)]
    [InlineData(ProductStatus.Delisted, ProductAction.Delist)]
    public void Illegal_transitions_are_conflicts(ProductStatus from, ProductAction action)
    {
        var act = () => ProductWorkflow.Next(from, action);
        act.Should().Throw<ConflictException>().Which.Code.Should().Be("invalid-transition");
    }

    [Fact]
    public void Completeness_lists_every_missing_piece_of_information()
    {
        var bare = new ProductDetails("Bare", null, null, null, new Money(1m, "EUR"), null);

        var result = ProductCompletenessCheck.Check(bare);

        result.IsComplete.Should().BeFalse();
        result.Missing.Should().BeEquivalentTo("brand", "origin", "description", "categoryPath", "specs", "images");
        ProductCompletenessCheck.Check(Products.Complete()).IsComplete.Should().BeTrue();
    }

    [Theory]
    [InlineData("", 10, "EUR", "name")]
    [InlineData("Phone", 0, "EUR", "price.amount")]
    [InlineData("Phone", -5, "EUR", "price.amount")]
    [InlineData("Phone", 10, "EU", "price.currency")]
    [InlineData("Phone", 10, "eur", "price.currency")]
    public void Invalid_details_name_the_offending_field(string name, decimal price, string currency, string field)
    {
        var validator = new ProductDetailsValidator(new CatalogOptions());
        var act = () => validator.Validate(Products.Complete() with { Name = name, Price = new Money(price, currency) });
        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be(field);
    }

    [Theory]
    [InlineData("not a url", "images[0]")]
    [InlineData("ftp://img.example.com/a.jpg", "images[0]")]
    [InlineData("/relative.jpg", "images[0]")]
    public void Image_urls_must_be_absolute_http(string url, string field)
    {
        var validator = new ProductDetailsValidator(new CatalogOptions());
        var act = () => validator.Validate(Products.Complete() with { Images = [url] });
        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void Overlong_name_and_malformed_category_are_refused()
    {
        var validator = new ProductDetailsValidator(new CatalogOptions { MaxNameLength = 5 });
        validator.Invoking(v => v.Validate(Products.Complete() with { Name = "Too long" }))
            .Should().Throw<InvalidInputException>().Which.Field.Should().Be("name");
        new ProductDetailsValidator(new CatalogOptions()).Invoking(v => v.Validate(Products.Complete() with { CategoryPath = "Bad Path!" }))
            .Should().Throw<InvalidInputException>().Which.Field.Should().Be("categoryPath");
    }
}
