using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Commerce.Grains.Orders;
using FluentAssertions;

namespace Commerce.Orders.Tests;

public sealed class OrderStateMachineTests
{
    [Theory]
    [InlineData(OrderStatus.AwaitingPayment)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Backordered)]
    [InlineData(OrderStatus.Allocated)]
    [InlineData(OrderStatus.Packed)]
    public void Cancelling_is_allowed_before_shipping(OrderStatus status) =>
        OrderStateMachine.Next(status, OrderTrigger.Cancel).Should().Be(OrderStatus.Cancelled);

    [Theory]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Completed)]
    [InlineData(OrderStatus.Refunded)]
    public void Cancelling_after_shipping_is_an_invalid_transition(OrderStatus status)
    {
        var cancel = () => OrderStateMachine.Next(status, OrderTrigger.Cancel);

        cancel.Should().Throw<ConflictException>().Which.Code.Should().Be("invalid-transition");
    }

    [Fact]
    public void The_happy_path_runs_from_payment_to_completion()
    {
        var status = OrderStatus.AwaitingPayment;
        foreach (var trigger in new[] { OrderTrigger.PaymentSucceeded, OrderTrigger.Allocate, OrderTrigger.Pack, OrderTrigger.Ship, OrderTrigger.Deliver, OrderTrigger.Complete })
        {
            status = OrderStateMachine.Next(status, trigger);
        }

        status.Should().Be(OrderStatus.Completed);
    }

    [Fact]
    public void Steps_cannot_be_skipped()
    {
        OrderStateMachine.IsAllowed(OrderStatus.AwaitingPayment, OrderTrigger.Ship).Should().BeFalse();
        OrderStateMachine.IsAllowed(OrderStatus.Paid, OrderTrigger.Deliver).Should().BeFalse();
        OrderStateMachine.IsAllowed(OrderStatus.Allocated, OrderTrigger.Ship).Should().BeFalse();
    }

    [Fact]
    public void Cancelled_and_refunded_orders_are_final()
    {
        OrderStateMachine.IsTerminal(OrderStatus.Cancelled).Should().BeTrue();
        OrderStateMachine.IsTerminal(OrderStatus.Refunded).Should().BeTrue();
        OrderStateMachine.IsTerminal(OrderStatus.Shipped).Should().BeFalse();
    }

    [Fact]
    public void An_exception_order_leaves_only_through_a_resolution_or_delivery()
    {
        OrderStateMachine.AllowedFrom(OrderStatus.Exception).Should().BeEquivalentTo(new[]
        {
            OrderTrigger.RetryPayment, OrderTrigger.Reship, OrderTrigger.FixAddress, OrderTrigger.Backorder, OrderTrigger.Allocate,
            OrderTrigger.Refund, OrderTrigger.Cancel, OrderTrigger.ExpireReservation, OrderTrigger.Deliver,
        });
    }

    [Fact]
    public void Returns_and_refunds_are_requested_only_after_delivery()
    {
        OrderStateMachine.IsAllowed(OrderStatus.Shipped, OrderTrigger.RequestReturn).Should().BeFalse();
        OrderStateMachine.Next(OrderStatus.Delivered, OrderTrigger.RequestReturn).Should().Be(OrderStatus.ReturnRequested);
        OrderStateMachine.Next(OrderStatus.Completed, OrderTrigger.RequestRefund).Should().Be(OrderStatus.RefundRequested);
        OrderStateMachine.Next(OrderStatus.ReturnRequested, OrderTrigger.Refund).Should().Be(OrderStatus.Refunded);
    }
}
