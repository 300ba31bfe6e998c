using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>The outcome of a refund: the refund, the total refunded so far and the payment's new status.</summary>
[GenerateSerializer, Immutable, Alias("commerce.RefundResult")]
public sealed record RefundResult(string RefundId, string PaymentId, Money Refunded, Money TotalRefunded, PaymentStatus PaymentStatus);
