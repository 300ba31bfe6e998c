using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>A refund made against a payment.</summary>
[GenerateSerializer, Immutable, Alias("commerce.RefundRecord")]
public sealed record RefundRecord(string RefundId, Money Amount, string Reason, DateTimeOffset At, string GatewayRefundReference);
