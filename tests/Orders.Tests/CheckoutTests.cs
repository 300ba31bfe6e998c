using System.Text.RegularExpressions;
using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Notifications;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Payments;
using Commerce.GrainInterfaces.Reviews;
using Commerce.Grains.Payments.Gateway;
using FluentAssertions;

namespace Commerce.Orders.Tests;

public sealed class CheckoutTests
{
    [Fact]
    public async Task The_full_journey_runs_from_cart_to_review_and_refund()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(price: 25m, stock: 5);
        var cart = shop.Cart("ann");
        await cart.AddItemAsync(sku, 2);
        var preview = await cart.PreviewAsync();

        var placed = await shop.Checkout("ann", "key-1").PlaceFromCartAsync(new CheckoutRequest("ann", OrdersCluster.Address(), preview.Total, OrdersCluster.Card()));

        placed.Status.Should().Be(OrderStatus.Allocated);
        placed.Total.Should().Be(new Money(50m, "EUR"));
        placed.Lines.Single().Allocations.Should().Equal(new LineAllocation(OrdersCluster.Warehouse, 2));
        (await cart.GetAsync()).Lines.Should().BeEmpty();
        (await shop.Grains.GetGrain<IInventoryGrain>(sku).GetAsync()).OnHand.Should().Be(3);

        var order = shop.Order(placed.OrderId);
        await order.PackAsync("warehouse:7");
        var shipped = await order.ShipAsync("warehouse:7");
        shipped.Shipment!.TrackingNumber.Should().StartWith("SBX");

        (await OrdersCluster.EventuallyAsync(async () => (await order.GetAsync()).Status == OrderStatus.Delivered)).Should().BeTrue();
        var tracking = await shop.Grains.GetGrain<IShipmentGrain>(shipped.Shipment.TrackingNumber).GetTrackingAsync();
        tracking.ProgressPercent.Should().Be(100);
        tracking.Events.Select(e => e.Kind).Should().Equal(CarrierEventKind.PickedUp, CarrierEventKind.InTransit, CarrierEventKind.OutForDelivery, CarrierEventKind.Delivered);

        await shop.Grains.GetGrain<IProductReviewsGrain>(sku).SubmitAsync(new ReviewSubmission("ann", placed.OrderId, 4, "Does what it says."));
        (await shop.Grains.GetGrain<IProductReviewsGrain>(sku).GetSummaryAsync()).Average.Should().Be(4);
        (await shop.Grains.GetGrain<IProductGrain>(sku).GetAsync())!.RatingCount.Should().Be(1);

        await order.RequestReturnAsync("Too big", "user:ann");
        var refunded = await order.ApproveRefundAsync(OrdersCluster.Admin);

        refunded.Status.Should().Be(OrderStatus.Refunded);
        refunded.Refunded.Should().Be(new Money(50m, "EUR"));
        (await shop.Grains.GetGrain<IPaymentGrain>(refunded.PaymentId!).GetAsync()).Status.Should().Be(PaymentStatus.Refunded);
        (await shop.Grains.GetGrain<IInventoryGrain>(sku).GetAsync()).OnHand.Should().Be(5);
        refunded.History.Select(t => t.To).Should().Equal(
            OrderStatus.AwaitingPayment, OrderStatus.Paid, OrderStatus.Allocated, OrderStatus.Packed, OrderStatus.Shipped,
            OrderStatus.Delivered, OrderStatus.ReturnRequested, OrderStatus.Refunded);
        refunded.History.Should().OnlyContain(t => t.Actor.Length > 0 && t.At > DateTimeOffset.MinValue);

        var events = shop.Streams.Published<OrderEvent>(OrderEvent.StreamNamespace, placed.OrderId);
        events.Select(e => e.Sequence).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        var notifications = await shop.Grains.GetGrain<INotificationOutboxGrain>("ann").PollAsync(0, 50);
        notifications.Items.Select(n => n.Kind).Should().ContainInOrder(
            NotificationKind.OrderPlaced, NotificationKind.OrderPaid, NotificationKind.OrderShipped, NotificationKind.OrderDelivered, NotificationKind.OrderRefunded);
        var mine = await shop.Grains.GetGrain<IOrderQueryGrain>("orders").GetByUserAsync("ann", 1, 10);
        mine.Items.Should().ContainSingle().Which.Status.Should().Be(OrderStatus.Refunded);
    }

    [Fact]
    public async Task Order_numbers_are_human_readable_and_unique()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(stock: 50);

        var numbers = new List<string>();
        for (var i = 0; i < 3; i++) numbers.Add((await shop.PlaceAsync($"u-num-{i}", [(sku, 1)])).OrderId);

        numbers.Should().OnlyHaveUniqueItems();
        numbers.Should().AllSatisfy(n => Regex.IsMatch(n, @"^CO-\d{8}-\d{6}$").Should().BeTrue());
    }

    [Fact]
    public async Task Retrying_a_placement_with_the_same_key_returns_the_same_order()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(stock: 10);
        var first = await shop.PlaceAsync("u-retry", [(sku, 2)], key: "k");

        var retried = await shop.Checkout("u-retry", "k").PlaceFromCartAsync(new CheckoutRequest("u-retry", OrdersCluster.Address(), first.Total, OrdersCluster.Card()));

        retried.OrderId.Should().Be(first.OrderId);
        retried.History.Count(t => t.Trigger == OrderTrigger.PaymentSucceeded).Should().Be(1);
        (await shop.Grains.GetGrain<IInventoryGrain>(sku).GetAsync()).OnHand.Should().Be(8);
    }

    [Fact]
    public async Task Concurrent_retries_of_a_placement_create_one_order_and_charge_once()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(stock: 10);
        var cart = shop.Cart("u-race");
        await cart.AddItemAsync(sku, 3);
        var total = (await cart.PreviewAsync()).Total;
        var request = new CheckoutRequest("u-race", OrdersCluster.Address(), total, OrdersCluster.Card());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shop.Checkout("u-race", "same-key").PlaceFromCartAsync(request)));

        results.Select(r => r.OrderId).Distinct().Should().ContainSingle();
        (await shop.Grains.GetGrain<IInventoryGrain>(sku).GetAsync()).OnHand.Should().Be(7);
        (await shop.Grains.GetGrain<IOrderQueryGrain>("orders").GetByUserAsync("u-race", 1, 10)).Total.Should().Be(1);
    }

    [Fact]
    public async Task A_price_change_since_the_preview_is_refused()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(price: 10m);
        var cart = shop.Cart("u-price");
        await cart.AddItemAsync(sku, 1);

        var place = () => shop.Checkout("u-price", "k").PlaceFromCartAsync(new CheckoutRequest("u-price", OrdersCluster.Address(), new Money(9m, "EUR")));

        (await place.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("price-changed");
        (await shop.Grains.GetGrain<IInventoryGrain>(sku).GetAsync()).Reserved.Should().Be(0);
    }

    [Fact]
    public async Task Ordering_more_than_is_in_stock_is_refused_and_nothing_stays_reserved()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var plenty = await shop.ListedProductAsync(stock: 10);
        var scarce = await shop.ListedProductAsync(stock: 1);

        var place = () => shop.PlaceAsync("u-stock", [(plenty, 2), (scarce, 2)]);

        (await place.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("out-of-stock");
        (await shop.Grains.GetGrain<IInventoryGrain>(plenty).GetAsync()).Reserved.Should().Be(0);
    }

    [Fact]
    public async Task A_product_delisted_after_it_was_carted_cannot_be_ordered()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var cart = shop.Cart("u-delisted");
        await cart.AddItemAsync(sku, 1);
        var total = (await cart.PreviewAsync()).Total;
        await shop.Grains.GetGrain<IProductGrain>(sku).DelistAsync(OrdersCluster.Admin);

        var place = () => shop.Checkout("u-delisted", "k").PlaceFromCartAsync(new CheckoutRequest("u-delisted", OrdersCluster.Address(), total));

        (await place.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("product-unavailable");
    }

    [Theory]
    [InlineData("postalCode", "address.postalCode")]
    [InlineData("countryCode", "address.countryCode")]
    [InlineData("phone", "address.phone")]
    [InlineData("line1", "address.line1")]
    public async Task An_invalid_address_is_refused_naming_the_field(string broken, string field)
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        await shop.Cart("u-addr").AddItemAsync(sku, 1);
        var address = OrdersCluster.Address();
        address = broken switch
        {
            "postalCode" => address with { PostalCode = "!" },
            "countryCode" => address with { CountryCode = "Germany" },
            "phone" => address with { Phone = "call me" },
            _ => address with { Line1 = " " },
        };

        var place = () => shop.Checkout("u-addr", "k").PlaceFromCartAsync(new CheckoutRequest("u-addr", address, new Money(20m, "EUR")));

        (await place.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be(field);
    }

    [Fact]
    public async Task An_empty_selection_cannot_be_checked_out()
    {
        await using var shop = await OrdersCluster.StartAsync();

        var place = () => shop.Checkout("u-empty", "k").PlaceFromCartAsync(new CheckoutRequest("u-empty", OrdersCluster.Address(), new Money(0m, "EUR")));

        (await place.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("empty-cart");
    }

    [Fact]
    public async Task An_unpaid_order_is_cancelled_when_its_reservation_expires_and_the_stock_returns()
    {
        await using var shop = await OrdersCluster.StartAsync(orders: o => o.PaymentTimeout = TimeSpan.FromMilliseconds(400));
        var sku = await shop.ListedProductAsync(stock: 4);
        var placed = await shop.PlaceAsync("u-expire", [(sku, 3)], pay: false);
        placed.Status.Should().Be(OrderStatus.AwaitingPayment);
        placed.PaymentExpiresAt.Should().NotBeNull();
        (await shop.Grains.GetGrain<IInventoryGrain>(sku).GetAsync()).Available.Should().Be(1);

        (await OrdersCluster.EventuallyAsync(async () => (await shop.Order(placed.OrderId).GetAsync()).Status == OrderStatus.Cancelled)).Should().BeTrue();

        var cancelled = await shop.Order(placed.OrderId).GetAsync();
        cancelled.History[^1].Trigger.Should().Be(OrderTrigger.ExpireReservation);
        cancelled.History[^1].Actor.Should().Be("system");
        (await shop.Grains.GetGrain<IInventoryGrain>(sku).GetAsync()).Available.Should().Be(4);
        var pay = () => shop.Order(placed.OrderId).PayAsync(OrdersCluster.Card(), "user:u-expire");
        (await pay.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");
    }

    [Fact]
    public async Task Cancelling_before_shipping_returns_the_stock_and_refunds_the_payment()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(stock: 5);
        var placed = await shop.PlaceAsync("u-cancel", [(sku, 2)]);
        await shop.Order(placed.OrderId).PackAsync(OrdersCluster.Admin);

        var cancelled = await shop.Order(placed.OrderId).CancelAsync("Changed my mind", "user:u-cancel");

        cancelled.Status.Should().Be(OrderStatus.Cancelled);
        cancelled.Refunded.Should().Be(cancelled.Total);
        (await shop.Grains.GetGrain<IInventoryGrain>(sku).GetAsync()).OnHand.Should().Be(5);
        (await shop.Grains.GetGrain<IPaymentGrain>(cancelled.PaymentId!).GetAsync()).Status.Should().Be(PaymentStatus.Refunded);
    }

    [Fact]
    public async Task Cancelling_after_shipping_is_refused()
    {
        await using var shop = await OrdersCluster.StartAsync(carrier: c => c.StepDelay = TimeSpan.FromHours(1));
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-late", [(sku, 1)]);
        await shop.Order(placed.OrderId).PackAsync(OrdersCluster.Admin);
        await shop.Order(placed.OrderId).ShipAsync(OrdersCluster.Admin);

        var cancel = () => shop.Order(placed.OrderId).CancelAsync("Too late", "user:u-late");

        (await cancel.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");
        (await shop.Order(placed.OrderId).GetAsync()).Status.Should().Be(OrderStatus.Shipped);
    }

    [Fact]
    public async Task One_click_buy_orders_and_pays_with_the_saved_address_and_method()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(price: 12m);

        var order = await shop.Checkout("u-1click", "buy-1").BuyNowAsync(new BuyNowRequest("u-1click", sku, 2, OrdersCluster.Address(), OrdersCluster.Card(), new Money(24m, "EUR")));
        var again = await shop.Checkout("u-1click", "buy-1").BuyNowAsync(new BuyNowRequest("u-1click", sku, 2, OrdersCluster.Address(), OrdersCluster.Card(), new Money(24m, "EUR")));

        order.Status.Should().Be(OrderStatus.Allocated);
        order.Total.Should().Be(new Money(24m, "EUR"));
        again.OrderId.Should().Be(order.OrderId);
    }

    [Fact]
    public async Task A_bank_transfer_waits_for_the_payment_outcome()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();

        var placed = await shop.PlaceAsync("u-bank", [(sku, 1)], new PaymentSelection(PaymentMethodKind.BankTransfer, SandboxTestTokens.BankAccount, "DE", "DE"));

        placed.Status.Should().Be(OrderStatus.AwaitingPayment);
        (await OrdersCluster.EventuallyAsync(async () => (await shop.Order(placed.OrderId).GetAsync()).Status == OrderStatus.Allocated)).Should().BeTrue();
    }

    [Fact]
    public async Task Only_a_customer_who_received_the_product_may_review_it_once()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-rev", [(sku, 1)]);
        var reviews = shop.Grains.GetGrain<IProductReviewsGrain>(sku);

        var beforeDelivery = () => reviews.SubmitAsync(new ReviewSubmission("u-rev", placed.OrderId, 5, "Great"));
        (await beforeDelivery.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("not-delivered");

        await shop.Order(placed.OrderId).PackAsync(OrdersCluster.Admin);
        await shop.Order(placed.OrderId).ShipAsync(OrdersCluster.Admin);
        await shop.Order(placed.OrderId).MarkDeliveredAsync(OrdersCluster.Admin);
        var someoneElse = () => reviews.SubmitAsync(new ReviewSubmission("u-other", placed.OrderId, 1, "Bad"));
        var badRating = () => reviews.SubmitAsync(new ReviewSubmission("u-rev", placed.OrderId, 6, "Great"));
        var tooLong = () => reviews.SubmitAsync(new ReviewSubmission("u-rev", placed.OrderId, 5, new string('x', 2001)));
        await reviews.SubmitAsync(new ReviewSubmission("u-rev", placed.OrderId, 5, "Great"));
        var twice = () => reviews.SubmitAsync(new ReviewSubmission("u-rev", placed.OrderId, 4, "Still great"));

        (await someoneElse.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("not-delivered");
        (await badRating.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("rating");
        (await tooLong.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("text");
        (await twice.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("already-reviewed");
        (await reviews.GetPageAsync(1, 10)).Items.Should().ContainSingle().Which.Rating.Should().Be(5);
    }
}
