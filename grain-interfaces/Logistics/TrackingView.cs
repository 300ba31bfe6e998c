namespace Commerce.GrainInterfaces.Logistics;

/// <summary>A parcel's tracking: progress steps, the latest status and every carrier event (oldest first).</summary>
/// <param name="ProgressPercent">0..100 by completed steps.</param>
/// <param name="Status">The latest event kind, or null before the carrier reported anything.</param>
[GenerateSerializer, Immutable, Alias("commerce.TrackingView")]
public sealed record TrackingView(
    string TrackingNumber,
    string OrderId,
    string Carrier,
    CarrierEventKind? Status,
    IReadOnlyList<TrackingStep> Steps,
    int ProgressPercent,
    IReadOnlyList<CarrierEvent> Events);
