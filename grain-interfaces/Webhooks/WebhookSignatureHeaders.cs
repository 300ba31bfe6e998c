namespace Commerce.GrainInterfaces.Webhooks;

/// <summary>
/// The HTTP headers webhook signatures travel in (<c>t={unix seconds},v1={hex HMAC-SHA256}</c>). Part of the
/// contract with the payment gateway and the carrier, who send them: do not rename.
/// </summary>
public static class WebhookSignatureHeaders
{
    /// <summary>The payment gateway's callbacks.</summary>
    public const string Payment = "Gateway-Signature";

    /// <summary>The carrier's tracking events.</summary>
    public const string Carrier = "X-Carrier-Signature";
}
