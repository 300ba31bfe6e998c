namespace Commerce.GrainInterfaces.Logistics;

/// <summary>One step of the progress bar: shipped, picked up, in transit, out for delivery, delivered.</summary>
public sealed record TrackingStep(string Name, bool Completed, DateTimeOffset? At);
