using Commerce.GrainInterfaces.Payments;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>How the customer pays: a method and the gateway token of a card, wallet or bank account (a saved one for one-click buy).</summary>
/// <param name="BillingCountry">ISO 3166-1 alpha-2 of the billing address, when known.</param>
/// <param name="IpCountry">ISO 3166-1 alpha-2 of the buyer's IP address, when known (fraud scoring).</param>
[GenerateSerializer, Immutable, Alias("commerce.PaymentSelection")]
public sealed record PaymentSelection(PaymentMethodKind Method, string MethodToken, string? BillingCountry = null, string? IpCountry = null);
