namespace Commerce.Grains.Logistics;

/// <summary>How the sandbox carrier delivers a signed webhook. Throwing means "not delivered": it is retried.</summary>
public interface ICarrierWebhookTransport
{
    Task SendAsync(string body, string signatureHeader, CancellationToken cancellationToken);
}
