using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>One attempt to pay for an order. <paramref name="PaymentId"/> is the grain key and the gateway's idempotency key.</summary>
/// <param name="MethodToken">The gateway's token for the card, wallet or bank account; never a raw card number in production.</param>
/// <param name="BillingCountry">ISO 3166 alpha-2 of the billing address, when known.</param>
/// <param name="IpCountry">ISO 3166 alpha-2 the buyer's IP address resolves to, when known.</param>
[GenerateSerializer, Immutable, Alias("commerce.PaymentRequest")]
public sealed record PaymentRequest(
    string PaymentId,
    string OrderId,
    string UserId,
    Money Amount,
    PaymentMethodKind Method,
    string MethodToken,
    string? BillingCountry,
    string? IpCountry);
