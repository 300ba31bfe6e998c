namespace Commerce.GrainInterfaces.Notifications;

/// <summary>What a customer notification is about.</summary>
public enum NotificationKind
{
    OrderPlaced,
    OrderPaid,
    PaymentFailed,
    OrderShipped,
    OrderDelivered,
    OrderCancelled,
    OrderRefunded,
    OrderUpdate,
}
