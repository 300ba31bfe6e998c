namespace Commerce.Grains.Payments.Gateway;

/// <summary>
/// Where gateway callbacks arrive: the raw body and its signature header, exactly as an HTTP webhook gets
/// them. The sandbox gateway delivers to it in-process; the API's webhook endpoint reaches it through
/// <c>IWebhookIntakeGrain</c> with the request's body and header.
/// </summary>
public interface IGatewayWebhookReceiver
{
    Task<WebhookOutcome> ReceiveAsync(string body, string? signatureHeader, CancellationToken cancellationToken = default);
}
