using Commerce.GrainInterfaces.Notifications;
using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Orders;

/// <summary>What the customer is told about each order transition.</summary>
public static class OrderNotifications
{
    /// <summary>The notification of <paramref name="transition"/>, or null when the customer is not told about it.</summary>
    public static NotificationDraft? For(string orderId, OrderTransition transition, OrderState order)
    {
        // The person asked to be forgotten: a message about it would only land in the outbox of an erased account.
        if (transition.Trigger == OrderTrigger.ErasePersonalData) return null;

        var (kind, title, body) = transition.Trigger switch
        {
            OrderTrigger.Place => (NotificationKind.OrderPlaced, $"Order {orderId} placed", $"We received your order of {order.Total}."),
            OrderTrigger.PaymentSucceeded => (NotificationKind.OrderPaid, $"Order {orderId} paid", $"Your payment of {order.Total} was received."),
            OrderTrigger.PaymentFailed => (NotificationKind.PaymentFailed, $"Payment for order {orderId} failed", "Please try another payment method."),
            OrderTrigger.Ship => (NotificationKind.OrderShipped, $"Order {orderId} shipped", $"Your parcel is on its way: {transition.Detail}."),
            OrderTrigger.Deliver => (NotificationKind.OrderDelivered, $"Order {orderId} delivered", "Your parcel was delivered. Tell us what you think!"),
            OrderTrigger.Cancel or OrderTrigger.ExpireReservation => (NotificationKind.OrderCancelled, $"Order {orderId} cancelled", transition.Detail ?? "Your order was cancelled."),
            OrderTrigger.Refund => (NotificationKind.OrderRefunded, $"Order {orderId} refunded", $"{order.Refunded} is on its way back to you."),
            _ => (NotificationKind.OrderUpdate, $"Order {orderId}: {Describe(transition.To)}", transition.Detail ?? ""),
        };
        return new NotificationDraft(kind, title, body, orderId, $"{orderId}#{transition.Sequence}");
    }

    private static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.Exception => "we hit a problem and are on it",
        OrderStatus.ReturnRequested => "return requested",
        OrderStatus.RefundRequested => "refund requested",
        _ => status.ToString().ToLowerInvariant(),
    };
}
