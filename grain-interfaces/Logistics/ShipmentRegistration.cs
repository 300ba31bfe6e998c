namespace Commerce.GrainInterfaces.Logistics;

/// <summary>Ties a tracking number to the order it carries.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ShipmentRegistration")]
public sealed record ShipmentRegistration(string TrackingNumber, string Carrier, string OrderId, string UserId, DateTimeOffset ShippedAt);
