using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Members;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Orders.Tests;

public sealed class PaymentAndPointsTests
{
    [Fact]
    public async Task A_payment_that_arrives_after_the_order_lapsed_is_refunded()
    {
        await using var shop = await OrdersCluster.StartAsync(
            orders: o => o.PaymentTimeout = TimeSpan.FromMilliseconds(300),
            services: s => s.Configure<SandboxGatewayOptions>(o => o.CallbackDelay = TimeSpan.FromSeconds(1.5)));
        var sku = await shop.ListedProductAsync(price: 30m);

        var placed = await shop.PlaceAsync("u-slow-bank", [(sku, 1)], new PaymentSelection(PaymentMethodKind.BankTransfer, SandboxTestTokens.BankAccount));
        var order = shop.Order(placed.OrderId);

        (await OrdersCluster.EventuallyAsync(async () => (await order.GetAsync()).Refunded.Amount == 30m)).Should().BeTrue();
        var final = await order.GetAsync();
        final.Status.Should().Be(OrderStatus.Cancelled);
        (await shop.Grains.GetGrain<IPaymentGrain>(final.PaymentId!).GetAsync()).Status.Should().Be(PaymentStatus.Refunded);
    }

    [Fact]
    public async Task Delivery_earns_points_that_a_later_checkout_redeems_and_a_refund_takes_back()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync(price: 100m, stock: 10);
        var member = shop.Grains.GetGrain<IMemberGrain>("u-points");
        var first = await shop.PlaceAsync("u-points", [(sku, 1)]);
        var order = shop.Order(first.OrderId);
        await order.PackAsync("warehouse:7");
        await order.ShipAsync("warehouse:7");
        await order.MarkDeliveredAsync(OrdersCluster.Admin);
        var earned = (await member.GetAsync()).AvailablePoints;
        earned.Should().BeGreaterThan(0);

        var cart = shop.Cart("u-points");
        await cart.AddItemAsync(sku, 1);
        var preview = await cart.PreviewAsync();
        var second = await shop.Checkout("u-points", "with-points").PlaceFromCartAsync(
            new CheckoutRequest("u-points", OrdersCluster.Address(), preview.Total, OrdersCluster.Card(), RedeemPoints: 50));

        second.PointsDiscount.Amount.Should().BeGreaterThan(0);
        second.Total.Should().Be(preview.Total.Subtract(second.PointsDiscount));
        second.Status.Should().Be(OrderStatus.Allocated);
        (await member.GetAsync()).AvailablePoints.Should().Be(earned - 50);

        await order.RequestRefundAsync("Arrived broken", "user:u-points");
        await order.ApproveRefundAsync(OrdersCluster.Admin);

        // The refunded order's points are taken back; the 50 already spent cannot be, so nothing is left.
        (await member.GetAsync()).AvailablePoints.Should().Be(0);
    }
}
