namespace Commerce.GrainInterfaces.Logistics;

/// <summary>One step of the progress bar: shipped, picked up, in transit, out for delivery, delivered.</summary>
[GenerateSerializer, Immutable, Alias("commerce.TrackingStep")]
public sealed record TrackingStep(string Name, bool Completed, DateTimeOffset? At);
