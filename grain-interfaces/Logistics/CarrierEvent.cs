namespace Commerce.GrainInterfaces.Logistics;

/// <summary>One carrier report, as a webhook carries it. <paramref name="EventId"/> is unique per carrier: duplicates are ignored.</summary>
[GenerateSerializer, Immutable, Alias("commerce.CarrierEvent")]
public sealed record CarrierEvent(string EventId, string TrackingNumber, CarrierEventKind Kind, DateTimeOffset OccurredAt, string? Location, string? Detail);
