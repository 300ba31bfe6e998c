using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using Commerce.GrainInterfaces.Orders;
using Commerce.Grains.Payments.Gateway;
using FluentAssertions;

namespace Commerce.Orders.Tests;

public sealed class ExceptionOrderTests
{
    [Fact]
    public async Task A_declined_payment_stops_the_order_until_the_customer_pays_again()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();

        var declined = await shop.PlaceAsync("u-declined", [(sku, 1)], OrdersCluster.Card(SandboxTestTokens.Declined));

        declined.Status.Should().Be(OrderStatus.Exception);
        declined.OpenException!.Kind.Should().Be(OrderExceptionKind.PaymentFailed);
        var queue = await shop.Grains.GetGrain<IOrderQueryGrain>("orders").GetExceptionQueueAsync(false, 1, 10);
        queue.Items.Should().Contain(e => e.OrderId == declined.OrderId && e.Exception.Kind == OrderExceptionKind.PaymentFailed);

        var order = shop.Order(declined.OrderId);
        await order.ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.RetryPayment, "Customer has a new card"), OrdersCluster.Admin);
        var paid = await order.PayAsync(OrdersCluster.Card(), "user:u-declined");

        paid.Status.Should().Be(OrderStatus.Allocated);
        paid.Exceptions.Single().Resolution.Should().Be(ExceptionAction.RetryPayment);
        (await shop.Grains.GetGrain<IOrderQueryGrain>("orders").GetExceptionQueueAsync(false, 1, 10)).Items.Should().NotContain(e => e.OrderId == declined.OrderId);
    }

    [Fact]
    public async Task Stock_gone_at_allocation_is_an_out_of_stock_exception_resolved_by_backorder()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(stock: 2);
        var placed = await shop.PlaceAsync("u-oos", [(sku, 2)], pay: false);
        var inventory = shop.Grains.GetGrain<IInventoryGrain>(sku);
        // The reservation lapses (e.g. inventory expired it) and someone else buys the stock.
        await inventory.ReleaseAsync(placed.OrderId);
        await inventory.SetStockAsync(OrdersCluster.Warehouse, 0, OrdersCluster.Admin);
        var order = shop.Order(placed.OrderId);

        var stuck = await order.PayAsync(OrdersCluster.Card(), "user:u-oos");
        stuck.Status.Should().Be(OrderStatus.Exception);
        stuck.OpenException!.Kind.Should().Be(OrderExceptionKind.OutOfStock);

        var backordered = await order.ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.Backorder, "Supplier delivers Friday"), OrdersCluster.Admin);
        backordered.Status.Should().Be(OrderStatus.Backordered);
        var early = () => order.AllocateAsync(OrdersCluster.Admin);
        (await early.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("out-of-stock");

        await inventory.ReceiveAsync("wh-hamburg", 5, OrdersCluster.Admin);
        var allocated = await order.AllocateAsync(OrdersCluster.Admin);

        allocated.Status.Should().Be(OrderStatus.Allocated);
        allocated.Lines.Single().Allocations.Should().Equal(new LineAllocation("wh-hamburg", 2));
        allocated.Exceptions.Single().Resolution.Should().Be(ExceptionAction.Backorder);
    }

    [Fact]
    public async Task A_missing_item_found_at_packing_is_reshipped()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-missing", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);
        await order.PackAsync("warehouse:7");

        var stuck = await order.RaiseExceptionAsync(OrderExceptionKind.MissingItem, "Bin empty", "warehouse:7");
        var resolved = await order.ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.Reship, "Found in returns shelf"), OrdersCluster.Admin);
        await order.PackAsync("warehouse:7");
        var shipped = await order.ShipAsync("warehouse:7");

        stuck.Status.Should().Be(OrderStatus.Exception);
        stuck.OpenException!.StatusBefore.Should().Be(OrderStatus.Packed);
        resolved.Status.Should().Be(OrderStatus.Allocated);
        shipped.Status.Should().Be(OrderStatus.Shipped);
        shipped.Exceptions.Single().Should().Match<OrderExceptionRecord>(e =>
            e.Resolution == ExceptionAction.Reship && e.ResolvedBy == OrdersCluster.Admin && e.ResolutionNote == "Found in returns shelf" && e.ResolvedAt != null);
    }

    [Fact]
    public async Task A_wrong_address_is_fixed_and_the_order_ships_to_the_corrected_one()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-address", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);
        await order.RaiseExceptionAsync(OrderExceptionKind.WrongAddress, "No such street", OrdersCluster.Admin);

        var withoutAddress = () => order.ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.FixAddress, "Customer called"), OrdersCluster.Admin);
        (await withoutAddress.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("resolution.correctedAddress");

        var fixedOrder = await order.ResolveExceptionAsync(
            new ExceptionResolution(ExceptionAction.FixAddress, "Customer called", OrdersCluster.Address("10117") with { Line1 = "Unter den Linden 1" }), OrdersCluster.Admin);

        fixedOrder.Status.Should().Be(OrderStatus.Allocated);
        fixedOrder.Address.Line1.Should().Be("Unter den Linden 1");
        fixedOrder.Address.PostalCode.Should().Be("10117");
    }

    [Fact]
    public async Task A_carrier_exception_stops_the_order_and_a_refund_resolves_it()
    {
        await using var shop = await OrdersCluster.StartAsync(carrier: c => c.FailureRate = 1);
        var sku = await shop.ListedProductAsync(price: 40m);
        var placed = await shop.PlaceAsync("u-lost", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);
        await order.PackAsync("warehouse:7");
        await order.ShipAsync("warehouse:7");

        (await OrdersCluster.EventuallyAsync(async () => (await order.GetAsync()).Status == OrderStatus.Exception)).Should().BeTrue();
        var stuck = await order.GetAsync();
        stuck.OpenException!.Kind.Should().Be(OrderExceptionKind.LogisticsException);
        stuck.OpenException.RaisedBy.Should().Be("carrier");
        var cancel = () => order.CancelAsync("Lost", OrdersCluster.Admin);
        (await cancel.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");

        var refunded = await order.ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.Refund, "Parcel destroyed"), OrdersCluster.Admin);

        refunded.Status.Should().Be(OrderStatus.Refunded);
        refunded.Refunded.Should().Be(new Money(40m, "EUR"));
        var queue = await shop.Grains.GetGrain<IOrderQueryGrain>("orders").GetExceptionQueueAsync(true, 1, 10);
        queue.Items.Should().Contain(e => e.OrderId == placed.OrderId && e.Exception.Resolution == ExceptionAction.Refund);
    }

    [Fact]
    public async Task A_resolution_that_does_not_fit_the_exception_is_refused()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var declined = await shop.PlaceAsync("u-misfit", [(sku, 1)], OrdersCluster.Card(SandboxTestTokens.Declined));

        var reship = () => shop.Order(declined.OrderId).ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.Reship, "?"), OrdersCluster.Admin);
        var none = () => shop.Order(declined.OrderId).ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.Cancel, "ok"), OrdersCluster.Admin);

        (await reship.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("resolution-not-applicable");
        (await none()).Status.Should().Be(OrderStatus.Cancelled);
        var again = () => shop.Order(declined.OrderId).ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.Cancel, "ok"), OrdersCluster.Admin);
        (await again.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("no-open-exception");
    }

    [Fact]
    public async Task Transitions_that_failed_to_publish_are_published_later()
    {
        await using var shop = await OrdersCluster.StartAsync(orders: o => o.PublishRetryInterval = TimeSpan.FromMilliseconds(100));
        var sku = await shop.ListedProductAsync();
        shop.Streams.Failing = true;

        var placed = await shop.PlaceAsync("u-outage", [(sku, 1)]);
        shop.Streams.Published<OrderEvent>(OrderEvent.StreamNamespace, placed.OrderId).Should().BeEmpty();
        shop.Streams.Failing = false;

        (await OrdersCluster.EventuallyAsync(() => Task.FromResult(shop.Streams.Published<OrderEvent>(OrderEvent.StreamNamespace, placed.OrderId).Count == 3))).Should().BeTrue();
        shop.Streams.Published<OrderEvent>(OrderEvent.StreamNamespace, placed.OrderId).Select(e => e.Sequence).Should().Equal(1, 2, 3);
    }
}
