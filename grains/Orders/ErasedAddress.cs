using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Orders;

/// <summary>What is left of a shipping address after the privacy erasure of the person it named.</summary>
public static class ErasedAddress
{
    /// <summary>Stands in for the required fields that named the person or the place.</summary>
    public const string Placeholder = "erased";

    /// <summary>
    /// Everything that identifies the recipient or where they live is dropped; the country stays, because tax and
    /// accounting records of the order still depend on it. Erasing an erased address gives the same address.
    /// </summary>
    public static ShippingAddress From(ShippingAddress address) =>
        new(Placeholder, Phone: "", Line1: Placeholder, Line2: null, City: Placeholder, Region: null, PostalCode: "", address.CountryCode);

    public static bool IsErased(ShippingAddress address) => address == From(address);
}
