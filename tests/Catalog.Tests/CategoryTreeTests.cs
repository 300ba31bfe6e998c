using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using FluentAssertions;

namespace Commerce.Catalog.Tests;

public sealed class CategoryTreeTests
{
    [Fact]
    public async Task Categories_form_paths_and_can_be_renamed_and_moved_with_their_subtree()
    {
        await using var cluster = await CatalogCluster.StartAsync();
        var tree = cluster.GrainFactory.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.SingletonKey);
        await tree.CreateAsync(null, "electronics", "Electronics");
        await tree.CreateAsync("electronics", "phones", "Phones");
        await tree.CreateAsync("electronics/phones", "android", "Android");
        await tree.CreateAsync(null, "mobile", "Mobile");

        (await tree.RenameAsync("electronics/phones", "Mobile phones")).Should().Be(new Category("electronics/phones", "Mobile phones", "electronics"));
        await tree.MoveAsync("electronics/phones", "mobile");

        (await tree.GetAllAsync()).Select(c => c.Path).Should().Equal("electronics", "mobile", "mobile/phones", "mobile/phones/android");
        (await tree.GetAsync("mobile/phones/android"))!.ParentPath.Should().Be("mobile/phones");
    }

    [Fact]
    public async Task Invalid_tree_changes_are_refused()
    {
        await using var cluster = await CatalogCluster.StartAsync();
        var tree = cluster.GrainFactory.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.SingletonKey);
        await tree.CreateAsync(null, "home", "Home");
        await tree.CreateAsync("home", "kitchen", "Kitchen");

        (await tree.Invoking(t => t.CreateAsync(null, "home", "Again")).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("already-exists");
        (await tree.Invoking(t => t.CreateAsync(null, "Bad Slug", "x")).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("slug");
        (await tree.Invoking(t => t.CreateAsync("home", "garden", "")).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("name");
        await tree.Invoking(t => t.CreateAsync("nowhere", "x", "X")).Should().ThrowAsync<NotFoundException>();
        (await tree.Invoking(t => t.MoveAsync("home", "home/kitchen")).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-move");
        await tree.Invoking(t => t.RenameAsync("nowhere", "X")).Should().ThrowAsync<NotFoundException>();
    }
}
