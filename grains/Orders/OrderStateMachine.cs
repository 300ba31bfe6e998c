using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Orders;

/// <summary>
/// The order lifecycle as a table: (status, trigger) -> next status. Anything not in the table is an illegal
/// transition. Cancelling is allowed up to packing and never after shipping; a shipped parcel can only be
/// delivered or stopped by an exception.
/// </summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<(OrderStatus, OrderTrigger), OrderStatus> Table = new()
    {
        [(OrderStatus.AwaitingPayment, OrderTrigger.PaymentSucceeded)] = OrderStatus.Paid,
        [(OrderStatus.AwaitingPayment, OrderTrigger.PaymentFailed)] = OrderStatus.Exception,
        [(OrderStatus.AwaitingPayment, OrderTrigger.Cancel)] = OrderStatus.Cancelled,
        [(OrderStatus.AwaitingPayment, OrderTrigger.ExpireReservation)] = OrderStatus.Cancelled,

        [(OrderStatus.Paid, OrderTrigger.Allocate)] = OrderStatus.Allocated,
        [(OrderStatus.Paid, OrderTrigger.Backorder)] = OrderStatus.Backordered,
        [(OrderStatus.Paid, OrderTrigger.Cancel)] = OrderStatus.Cancelled,
        [(OrderStatus.Paid, OrderTrigger.RaiseException)] = OrderStatus.Exception,

        [(OrderStatus.Backordered, OrderTrigger.Allocate)] = OrderStatus.Allocated,
        [(OrderStatus.Backordered, OrderTrigger.Cancel)] = OrderStatus.Cancelled,
        [(OrderStatus.Backordered, OrderTrigger.RaiseException)] = OrderStatus.Exception,

        [(OrderStatus.Allocated, OrderTrigger.Pack)] = OrderStatus.Packed,
        [(OrderStatus.Allocated, OrderTrigger.Cancel)] = OrderStatus.Cancelled,
        [(OrderStatus.Allocated, OrderTrigger.RaiseException)] = OrderStatus.Exception,

        [(OrderStatus.Packed, OrderTrigger.Ship)] = OrderStatus.Shipped,
        [(OrderStatus.Packed, OrderTrigger.Cancel)] = OrderStatus.Cancelled,
        [(OrderStatus.Packed, OrderTrigger.RaiseException)] = OrderStatus.Exception,

        [(OrderStatus.Shipped, OrderTrigger.Deliver)] = OrderStatus.Delivered,
        [(OrderStatus.Shipped, OrderTrigger.RaiseException)] = OrderStatus.Exception,

        [(OrderStatus.Delivered, OrderTrigger.Complete)] = OrderStatus.Completed,
        [(OrderStatus.Delivered, OrderTrigger.RequestReturn)] = OrderStatus.ReturnRequested,
        [(OrderStatus.Delivered, OrderTrigger.RequestRefund)] = OrderStatus.RefundRequested,
        [(OrderStatus.Completed, OrderTrigger.RequestReturn)] = OrderStatus.ReturnRequested,
        [(OrderStatus.Completed, OrderTrigger.RequestRefund)] = OrderStatus.RefundRequested,

        [(OrderStatus.ReturnRequested, OrderTrigger.Refund)] = OrderStatus.Refunded,
        [(OrderStatus.ReturnRequested, OrderTrigger.RejectRefund)] = OrderStatus.Completed,
        [(OrderStatus.RefundRequested, OrderTrigger.Refund)] = OrderStatus.Refunded,
        [(OrderStatus.RefundRequested, OrderTrigger.RejectRefund)] = OrderStatus.Completed,

        // Resolutions of an exception order.
        [(OrderStatus.Exception, OrderTrigger.RetryPayment)] = OrderStatus.AwaitingPayment,
        [(OrderStatus.Exception, OrderTrigger.Reship)] = OrderStatus.Allocated,
        [(OrderStatus.Exception, OrderTrigger.FixAddress)] = OrderStatus.Allocated,
        [(OrderStatus.Exception, OrderTrigger.Backorder)] = OrderStatus.Backordered,
        [(OrderStatus.Exception, OrderTrigger.Allocate)] = OrderStatus.Allocated,
        [(OrderStatus.Exception, OrderTrigger.Refund)] = OrderStatus.Refunded,
        [(OrderStatus.Exception, OrderTrigger.Cancel)] = OrderStatus.Cancelled,
        [(OrderStatus.Exception, OrderTrigger.ExpireReservation)] = OrderStatus.Cancelled,
        // The carrier may still deliver a parcel it had reported stuck.
        [(OrderStatus.Exception, OrderTrigger.Deliver)] = OrderStatus.Delivered,
    };

    /// <summary>The status <paramref name="trigger"/> leads to from <paramref name="from"/>, or null when it is not allowed.</summary>
    public static OrderStatus? TryNext(OrderStatus from, OrderTrigger trigger) =>
        Table.TryGetValue((from, trigger), out var next) ? next : null;

    /// <summary>The next status; <see cref="ConflictException"/> <c>invalid-transition</c> when the move is not allowed.</summary>
    public static OrderStatus Next(OrderStatus from, OrderTrigger trigger) =>
        TryNext(from, trigger) ?? throw new ConflictException("invalid-transition", $"An order that is {from} cannot {trigger}.");

    public static bool IsAllowed(OrderStatus from, OrderTrigger trigger) => Table.ContainsKey((from, trigger));

    /// <summary>True for statuses no trigger leaves.</summary>
    public static bool IsTerminal(OrderStatus status) => !Table.Keys.Any(k => k.Item1 == status);

    /// <summary>The triggers allowed from <paramref name="status"/> (what the UI may offer).</summary>
    public static IReadOnlyList<OrderTrigger> AllowedFrom(OrderStatus status) =>
        Table.Keys.Where(k => k.Item1 == status).Select(k => k.Item2).ToArray();
}
