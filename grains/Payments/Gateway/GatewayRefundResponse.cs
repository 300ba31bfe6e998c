namespace Commerce.Grains.Payments.Gateway;

/// <summary>The gateway's answer to a refund: its reference for the refund.</summary>
public sealed record GatewayRefundResponse(string RefundId, string Reference, decimal Amount);
