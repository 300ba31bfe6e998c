using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Promotions;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>An order as it is now.</summary>
/// <param name="OrderId">The human-readable order number, e.g. <c>CO-20261122-000123</c>; also the grain key.</param>
/// <param name="Total">Subtotal minus promotion and points discounts: what the customer pays.</param>
/// <param name="PaymentExpiresAt">While awaiting payment: when the stock reservation lapses and the order is cancelled.</param>
/// <param name="OpenException">The exception the order is stopped on, if any.</param>
[GenerateSerializer, Immutable, Alias("commerce.OrderSnapshot")]
public sealed record OrderSnapshot(
    string OrderId,
    string UserId,
    OrderStatus Status,
    IReadOnlyList<OrderLine> Lines,
    ShippingAddress Address,
    Money Subtotal,
    IReadOnlyList<AppliedDiscount> Discounts,
    Money PointsDiscount,
    Money Total,
    Money Refunded,
    string? PaymentId,
    ShipmentInfo? Shipment,
    OrderExceptionRecord? OpenException,
    IReadOnlyList<OrderExceptionRecord> Exceptions,
    IReadOnlyList<OrderTransition> History,
    DateTimeOffset PlacedAt,
    DateTimeOffset? PaymentExpiresAt,
    DateTimeOffset? DeliveredAt);
