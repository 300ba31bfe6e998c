using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>A charge as sent to the gateway; <paramref name="PaymentId"/> is the idempotency key.</summary>
public sealed record GatewayChargeRequest(string PaymentId, string OrderId, Money Amount, PaymentMethodKind Method, string Token);
