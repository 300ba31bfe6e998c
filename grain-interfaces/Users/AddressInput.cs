namespace Commerce.GrainInterfaces.Users;

/// <summary>A postal address to save. <paramref name="Country"/> is an ISO 3166 alpha-2 code.</summary>
[GenerateSerializer, Immutable, Alias("commerce.AddressInput")]
public sealed record AddressInput(
    string Label,
    string Recipient,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string Country,
    string? Phone,
    bool IsDefault);
