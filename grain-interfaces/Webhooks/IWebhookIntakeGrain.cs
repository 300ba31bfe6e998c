namespace Commerce.GrainInterfaces.Webhooks;

/// <summary>
/// Where the HTTP edge hands over webhooks: the raw body and signature header, exactly as received. The grain
/// verifies them inside the silo, which holds the shared secrets (<c>PaymentCallbacks</c>, <c>CarrierWebhooks</c>),
/// and passes accepted ones to the payment or shipment grain they name; forged, altered, unsigned or stale ones
/// change nothing. A stateless worker: call it with key 0 from anywhere, each silo answers locally.
/// </summary>
[Alias("commerce.IWebhookIntakeGrain")]
public interface IWebhookIntakeGrain : IGrainWithIntegerKey
{
    /// <summary>A payment gateway callback, signed in the <see cref="WebhookSignatureHeaders.Payment"/> header.</summary>
    [Alias("ReceivePaymentCallbackAsync")]
    Task<WebhookReceipt> ReceivePaymentCallbackAsync(string body, string? signatureHeader);

    /// <summary>
    /// A carrier tracking event, signed in the <see cref="WebhookSignatureHeaders.Carrier"/> header. An unknown
    /// tracking number throws <c>NotFoundException</c>.
    /// </summary>
    [Alias("ReceiveCarrierEventAsync")]
    Task<WebhookReceipt> ReceiveCarrierEventAsync(string body, string? signatureHeader);
}
