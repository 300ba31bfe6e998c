using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>The gateway's synchronous answer to a charge operation.</summary>
public sealed record GatewayChargeResponse(string PaymentId, string Reference, GatewayChargeStatus Status, string? DeclineCode);
