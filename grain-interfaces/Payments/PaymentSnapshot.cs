using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>What a payment grain knows about its payment. <see cref="Amount"/> is null before the first <c>PayAsync</c>.</summary>
/// <param name="SettlementAmount">The amount converted to the settlement currency when the payment was made.</param>
/// <param name="SettlementBatchId">The settlement batch that settled its capture, null while unsettled (each refund is settled on its own: <c>IPaymentGrain.GetSettlementMovementsAsync</c>).</param>
[GenerateSerializer, Immutable, Alias("commerce.PaymentSnapshot")]
public sealed record PaymentSnapshot(
    string PaymentId,
    string? OrderId,
    string? UserId,
    Money? Amount,
    PaymentMethodKind? Method,
    PaymentStatus? Status,
    string? Reason,
    RiskAssessment? Risk,
    string? GatewayReference,
    Money? Captured,
    Money? Refunded,
    Money? SettlementAmount,
    string? SettlementBatchId,
    IReadOnlyList<RefundRecord> Refunds,
    IReadOnlyList<PaymentStatusChange> History);
