using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>What kind of money movement a settlement entry is.</summary>
public enum SettlementMovementKind
{
    /// <summary>The payment's capture: money in.</summary>
    Capture,

    /// <summary>A full or partial refund: money out.</summary>
    Refund,
}

/// <summary>
/// One money movement of a payment, settled in exactly one batch. <see cref="Amount"/> is signed: a capture is
/// positive, a refund negative. <see cref="SettlementAmount"/> is the same share of the payment's amount in the
/// settlement currency (converted when the payment was made), rounded so that a payment's movements add up to
/// its settlement amount less the rounded share refunded.
/// </summary>
/// <param name="MovementId"><see cref="CaptureMovementId"/> for the capture, <c>refund:{refundId}</c> for a refund.</param>
/// <param name="BatchId">The batch that settled it; null while unsettled.</param>
[GenerateSerializer, Immutable, Alias("commerce.SettlementMovement")]
public sealed record SettlementMovement(
    string PaymentId,
    string MovementId,
    SettlementMovementKind Kind,
    Money Amount,
    Money SettlementAmount,
    DateTimeOffset At,
    string? BatchId)
{
    /// <summary>The movement id of a payment's capture.</summary>
    public const string CaptureMovementId = "capture";

    /// <summary>The movement id of the refund <paramref name="refundId"/>.</summary>
    public static string RefundMovementId(string refundId) => "refund:" + refundId;
}
