using Commerce.GrainInterfaces.Cart;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Promotions;
using Commerce.Grains.Promotions;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Orders.Tests;

public sealed class CartTests
{
    [Fact]
    public async Task Adding_sums_quantities_up_to_the_cap_and_changing_to_zero_removes_the_line()
    {
        await using var shop = await OrdersCluster.StartAsync(cart: c => c.MaxQuantityPerLine = 5);
        var sku = await shop.ListedProductAsync();
        var cart = shop.Cart("u-add");

        await cart.AddItemAsync(sku, 2);
        var capped = await cart.AddItemAsync(sku, 4);
        var changed = await cart.ChangeQuantityAsync(sku, 3);
        var removed = await cart.ChangeQuantityAsync(sku, 0);

        capped.Lines.Single().Quantity.Should().Be(5);
        changed.Lines.Single().Quantity.Should().Be(3);
        removed.Lines.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    public async Task An_out_of_range_quantity_is_refused_naming_the_field(int quantity)
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();

        var add = () => shop.Cart("u-bad").AddItemAsync(sku, quantity);

        (await add.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("quantity");
    }

    [Fact]
    public async Task Unknown_and_unlisted_products_cannot_be_added()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        await shop.Grains.GetGrain<GrainInterfaces.Catalog.IProductGrain>(sku).DelistAsync(OrdersCluster.Admin);

        var unknown = () => shop.Cart("u-x").AddItemAsync("SKU-NOPE", 1);
        var unlisted = () => shop.Cart("u-x").AddItemAsync(sku, 1);

        await unknown.Should().ThrowAsync<NotFoundException>();
        (await unlisted.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("product-unavailable");
    }

    [Fact]
    public async Task A_full_cart_refuses_another_product()
    {
        await using var shop = await OrdersCluster.StartAsync(cart: c => c.MaxLines = 2);
        var cart = shop.Cart("u-full");
        await cart.AddItemAsync(await shop.ListedProductAsync(), 1);
        await cart.AddItemAsync(await shop.ListedProductAsync(), 1);
        var third = await shop.ListedProductAsync();

        var add = () => cart.AddItemAsync(third, 1);

        (await add.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("cart-full");
    }

    [Fact]
    public async Task Batch_removal_and_selection_choose_what_checkout_orders()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var (a, b, c) = (await shop.ListedProductAsync(10m), await shop.ListedProductAsync(20m), await shop.ListedProductAsync(30m));
        var cart = shop.Cart("u-batch");
        foreach (var sku in new[] { a, b, c }) await cart.AddItemAsync(sku, 1);

        await cart.RemoveItemsAsync([a, "SKU-NOT-THERE"]);
        var selected = await cart.SelectForCheckoutAsync([c]);
        var preview = await cart.PreviewAsync();

        selected.Lines.Select(l => (l.Sku, l.Selected)).Should().Equal((b, false), (c, true));
        preview.Lines.Select(l => l.Sku).Should().Equal(c);
        preview.Total.Should().Be(new Money(30m, "EUR"));
    }

    [Fact]
    public async Task The_guest_cart_is_merged_into_the_user_cart_at_login_with_quantities_summed_and_capped()
    {
        await using var shop = await OrdersCluster.StartAsync(cart: c => c.MaxQuantityPerLine = 5);
        var (shared, guestOnly, userOnly) = (await shop.ListedProductAsync(), await shop.ListedProductAsync(), await shop.ListedProductAsync());
        var guest = shop.Grains.GetGrain<ICartGrain>("guest:session-1");
        await guest.AddItemAsync(shared, 4);
        await guest.AddItemAsync(guestOnly, 2);
        var user = shop.Cart("u-merge");
        await user.AddItemAsync(shared, 3);
        await user.AddItemAsync(userOnly, 1);

        var merged = await user.MergeGuestCartAsync("session-1");
        var again = await user.MergeGuestCartAsync("session-1");

        merged.Lines.Select(l => (l.Sku, l.Quantity)).Should().BeEquivalentTo(new[] { (shared, 5), (userOnly, 1), (guestOnly, 2) });
        again.Lines.Should().BeEquivalentTo(merged.Lines);
        (await guest.GetAsync()).Lines.Should().BeEmpty();
    }

    [Fact]
    public async Task A_guest_cart_cannot_take_in_another_cart()
    {
        await using var shop = await OrdersCluster.StartAsync();

        var merge = () => shop.Grains.GetGrain<ICartGrain>("guest:a").MergeGuestCartAsync("b");

        (await merge.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("not-a-user-cart");
    }

    [Fact]
    public async Task The_price_preview_applies_promotions_through_the_engine()
    {
        await using var shop = await OrdersCluster.StartAsync(services: s => s.AddSingleton<IPromotionEngine>(new TenPercentOff()));
        var sku = await shop.ListedProductAsync(50m);
        var cart = shop.Cart("u-promo");
        await cart.AddItemAsync(sku, 2);

        var preview = await cart.PreviewAsync();

        preview.Subtotal.Should().Be(new Money(100m, "EUR"));
        preview.Discounts.Should().ContainSingle().Which.Code.Should().Be("TEN");
        preview.Total.Should().Be(new Money(90m, "EUR"));
    }

    [Fact]
    public async Task A_cart_left_idle_publishes_one_abandonment_event()
    {
        await using var shop = await OrdersCluster.StartAsync(cart: c =>
        {
            c.AbandonAfter = TimeSpan.FromMilliseconds(300);
            c.AbandonmentCheckPeriod = TimeSpan.FromMilliseconds(100);
        });
        var sku = await shop.ListedProductAsync();
        await shop.Cart("u-idle").AddItemAsync(sku, 2);

        var published = await OrdersCluster.EventuallyAsync(() => Task.FromResult(shop.Streams.Published<CartAbandonedEvent>("carts", "user:u-idle").Count > 0));
        await Task.Delay(500);

        published.Should().BeTrue();
        var abandoned = shop.Streams.Published<CartAbandonedEvent>("carts", "user:u-idle").Should().ContainSingle().Subject;
        abandoned.UserId.Should().Be("u-idle");
        abandoned.Lines.Single().Quantity.Should().Be(2);
    }

    [Fact]
    public async Task Every_line_change_is_published_as_behaviour()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var cart = shop.Cart("u-behaviour");

        await cart.AddItemAsync(sku, 2);
        await cart.ChangeQuantityAsync(sku, 5);
        await cart.RemoveItemAsync(sku);

        shop.Streams.Published<CartChangedEvent>("carts", "user:u-behaviour").Select(e => (e.Sku, e.Quantity, e.Delta, e.UserId))
            .Should().Equal((sku, 2, 2, "u-behaviour"), (sku, 5, 3, "u-behaviour"), (sku, 0, -5, "u-behaviour"));
    }

    [Fact]
    public async Task A_malformed_cart_key_is_refused()
    {
        await using var shop = await OrdersCluster.StartAsync();

        var get = () => shop.Grains.GetGrain<ICartGrain>("nobody").GetAsync();

        (await get.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("cartId");
    }

    private sealed class TenPercentOff : IPromotionEngine
    {
        public ValueTask<IReadOnlyList<AppliedDiscount>> ApplyAsync(string? userId, IReadOnlyList<PricedLine> lines, Money subtotal, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<AppliedDiscount>>([new AppliedDiscount("TEN", "10% off", new Money(subtotal.Amount / 10, subtotal.Currency))]);
    }
}
