namespace Commerce.Grains.Payments.Gateway;

/// <summary>What the gateway tells about a payment method: its issuing country (ISO 3166 alpha-2) when known.</summary>
public sealed record PaymentMethodDetails(string? Country);
