namespace Commerce.GrainInterfaces.Orders;

/// <summary>The parcel an order left in: carrier and tracking number (track it with <c>IShipmentGrain</c>).</summary>
[GenerateSerializer, Immutable, Alias("commerce.ShipmentInfo")]
public sealed record ShipmentInfo(string Carrier, string TrackingNumber, DateTimeOffset ShippedAt);
