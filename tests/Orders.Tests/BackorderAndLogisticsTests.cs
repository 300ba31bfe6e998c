using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Orders;
using FluentAssertions;

namespace Commerce.Orders.Tests;

public sealed class BackorderAndLogisticsTests
{
    [Fact]
    public async Task A_customer_who_accepts_a_backorder_gets_the_order_allocated_when_stock_arrives()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var inStock = await shop.ListedProductAsync(price: 10m, stock: 5);
        var soldOut = await shop.ListedProductAsync(price: 15m, stock: 0);
        var cart = shop.Cart("u-backorder");
        await cart.AddItemAsync(inStock, 1);
        await cart.AddItemAsync(soldOut, 2);
        var total = (await cart.PreviewAsync()).Total;

        var placed = await shop.Checkout("u-backorder", "k").PlaceFromCartAsync(
            new CheckoutRequest("u-backorder", OrdersCluster.Address(), total, OrdersCluster.Card(), AllowBackorder: true));

        placed.Status.Should().Be(OrderStatus.Backordered);
        placed.Lines.Single(l => l.Sku == inStock).Allocations.Should().Equal(new LineAllocation(OrdersCluster.Warehouse, 1));
        placed.Lines.Single(l => l.Sku == soldOut).Allocations.Should().BeEmpty();

        await shop.Grains.GetGrain<IInventoryGrain>(soldOut).ReceiveAsync("wh-munich", 3, OrdersCluster.Admin);
        var allocated = await shop.Order(placed.OrderId).AllocateAsync("system");

        allocated.Status.Should().Be(OrderStatus.Allocated);
        allocated.Lines.Single(l => l.Sku == soldOut).Allocations.Should().Equal(new LineAllocation("wh-munich", 2));
        (await shop.Grains.GetGrain<IInventoryGrain>(soldOut).GetAsync()).OnHand.Should().Be(1);
    }

    [Fact]
    public async Task Without_accepting_a_backorder_an_order_of_a_sold_out_product_is_refused()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var soldOut = await shop.ListedProductAsync(stock: 0);

        var place = () => shop.PlaceAsync("u-no-backorder", [(soldOut, 1)]);

        (await place.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("out-of-stock");
    }

    [Fact]
    public async Task Webhooks_the_network_drops_are_retried_until_the_parcel_is_delivered()
    {
        await using var shop = await OrdersCluster.StartAsync(carrier: c => c.WebhookFailureRate = 0.5);
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-flaky", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);
        await order.PackAsync("warehouse:7");
        var shipped = await order.ShipAsync("warehouse:7");

        (await OrdersCluster.EventuallyAsync(async () => (await order.GetAsync()).Status == OrderStatus.Delivered, TimeSpan.FromSeconds(20))).Should().BeTrue();

        var tracking = await shop.Grains.GetGrain<IShipmentGrain>(shipped.Shipment!.TrackingNumber).GetTrackingAsync();
        tracking.Events.Select(e => e.Kind).Should().Equal(CarrierEventKind.PickedUp, CarrierEventKind.InTransit, CarrierEventKind.OutForDelivery, CarrierEventKind.Delivered);
        (await shop.Grains.GetGrain<ISandboxCarrierGrain>(shipped.Shipment.TrackingNumber).GetSentAsync()).Should().HaveCount(4);
    }

    [Fact]
    public async Task Events_of_a_parcel_the_order_no_longer_ships_in_are_ignored()
    {
        await using var shop = await OrdersCluster.StartAsync(carrier: c => c.StepDelay = TimeSpan.FromHours(1));
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-stale", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);
        await order.PackAsync("warehouse:7");
        var first = (await order.ShipAsync("warehouse:7")).Shipment!.TrackingNumber;
        await order.RaiseExceptionAsync(OrderExceptionKind.LogisticsException, "Parcel lost", OrdersCluster.Admin);
        await order.ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.Reship, "Send another"), OrdersCluster.Admin);
        await order.PackAsync("warehouse:7");
        var second = (await order.ShipAsync("warehouse:7")).Shipment!.TrackingNumber;

        await shop.Grains.GetGrain<IShipmentGrain>(first).RecordCarrierEventAsync(new CarrierEvent("late", first, CarrierEventKind.Delivered, DateTimeOffset.UtcNow, null, null));

        second.Should().NotBe(first);
        (await order.GetAsync()).Status.Should().Be(OrderStatus.Shipped);
    }

    [Fact]
    public async Task Order_listings_page_by_user_and_by_status_and_refuse_bad_pages()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(stock: 20);
        for (var i = 0; i < 3; i++) await shop.PlaceAsync("u-list", [(sku, 1)]);
        var unpaid = await shop.PlaceAsync("u-list", [(sku, 1)], pay: false);
        var query = shop.Grains.GetGrain<IOrderQueryGrain>("orders");

        var page = await query.GetByUserAsync("u-list", 1, 3);
        var awaiting = await query.GetByStatusAsync(OrderStatus.AwaitingPayment, 1, 10);
        var badSize = () => query.GetByUserAsync("u-list", 1, 1000);
        var badPage = () => query.GetByStatusAsync(OrderStatus.Paid, 0, 10);

        page.Items.Should().HaveCount(3);
        page.Total.Should().Be(4);
        awaiting.Items.Should().ContainSingle().Which.OrderId.Should().Be(unpaid.OrderId);
        (await badSize.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("pageSize");
        (await badPage.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("page");
    }
}
