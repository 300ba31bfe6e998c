using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Grains.Logistics;

/// <summary>
/// Delivers sandbox webhooks inside the silo through the same <see cref="CarrierWebhookReceiver"/> the API endpoint
/// uses, signature check included. A refused webhook is an error here: the sandbox signs with the configured secret.
/// </summary>
public sealed class InProcessCarrierWebhookTransport(IServiceProvider services, CarrierWebhookReceiver receiver) : ICarrierWebhookTransport
{
    public async Task SendAsync(string body, string signatureHeader, CancellationToken cancellationToken)
    {
        var result = await receiver.ReceiveAsync(services.GetRequiredService<IGrainFactory>(), body, signatureHeader);
        if (!result.Accepted) throw new InvalidOperationException($"The carrier webhook was refused: {result.Reason}.");
    }
}
