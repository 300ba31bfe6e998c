namespace Commerce.GrainInterfaces.Orders;

/// <summary>Where an order is shipped. <paramref name="CountryCode"/> is ISO 3166-1 alpha-2.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ShippingAddress")]
public sealed record ShippingAddress(
    string RecipientName,
    string Phone,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string CountryCode);
