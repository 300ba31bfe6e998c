using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.ReadModel;

/// <summary>One payment as the read model lists it; written by the payment grain on every change.</summary>
/// <param name="SettlementBatchId">The settlement batch of the capture.</param>
/// <param name="UnsettledSince">When its oldest money movement (capture or refund) not settled yet happened; null when none is.</param>
public sealed record PaymentRecord(
    string PaymentId,
    string OrderId,
    string UserId,
    PaymentMethodKind Method,
    PaymentStatus Status,
    decimal Amount,
    string Currency,
    decimal Captured,
    decimal Refunded,
    decimal SettlementAmount,
    string SettlementCurrency,
    string? GatewayReference,
    int? RiskScore,
    RiskDecision? RiskDecision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CapturedAt,
    string? SettlementBatchId,
    DateTimeOffset? UnsettledSince = null);
