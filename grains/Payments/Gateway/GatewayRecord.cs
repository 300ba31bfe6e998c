using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>One charge as the gateway's books have it, the other side of reconciliation.</summary>
public sealed record GatewayRecord(
    string Reference,
    string PaymentId,
    string OrderId,
    PaymentMethodKind Method,
    decimal Amount,
    string Currency,
    GatewayChargeStatus Status,
    decimal Captured,
    decimal Refunded,
    string? DeclineCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
