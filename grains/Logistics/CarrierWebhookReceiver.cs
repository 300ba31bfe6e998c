using Commerce.GrainInterfaces.Logistics;

namespace Commerce.Grains.Logistics;

/// <summary>
/// The one door carrier webhooks come through (the API endpoint, through <c>IWebhookIntakeGrain</c>, and the sandbox's
/// in-process delivery both use it):
/// verify the signature, then hand the event to the parcel's <see cref="IShipmentGrain"/>.
/// </summary>
public sealed class CarrierWebhookReceiver(CarrierWebhookVerifier verifier)
{
    /// <summary>Verifies and applies one webhook. Refused webhooks reach no grain. Unknown tracking numbers throw <c>NotFoundException</c>.</summary>
    public async Task<CarrierWebhookVerification> ReceiveAsync(IGrainFactory grains, string body, string? signatureHeader)
    {
        var verification = verifier.Verify(body, signatureHeader);
        if (!verification.Accepted) return verification;
        await grains.GetGrain<IShipmentGrain>(verification.Event!.TrackingNumber).RecordCarrierEventAsync(verification.Event);
        return verification;
    }
}
