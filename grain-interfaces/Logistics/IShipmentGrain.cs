namespace Commerce.GrainInterfaces.Logistics;

/// <summary>
/// One parcel, keyed by tracking number: records carrier events (from verified webhooks) and tells the order about
/// delivery and exceptions. Unknown tracking numbers throw <c>NotFoundException</c>.
/// </summary>
[Alias("commerce.IShipmentGrain")]
public interface IShipmentGrain : IGrainWithStringKey
{
    /// <summary>Called by the order when it ships; idempotent for the same order.</summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(ShipmentRegistration registration);

    /// <summary>
    /// Applies one carrier event. Only events whose webhook signature <c>CarrierWebhookVerifier</c> accepted may be
    /// passed here. Duplicates (same event id) are ignored. Returns true when the event was new.
    /// </summary>
    [Alias("RecordCarrierEventAsync")]
    Task<bool> RecordCarrierEventAsync(CarrierEvent carrierEvent);

    [ReadOnly]
    [Alias("GetTrackingAsync")]
    Task<TrackingView> GetTrackingAsync();
}
