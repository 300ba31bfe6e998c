using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>A refund made against a payment.</summary>
public sealed record RefundRecord(string RefundId, Money Amount, string Reason, DateTimeOffset At, string GatewayRefundReference);
