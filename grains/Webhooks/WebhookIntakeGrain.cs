using Commerce.GrainInterfaces.Webhooks;
using Commerce.Grains.Logistics;
using Commerce.Grains.Payments.Gateway;

namespace Commerce.Grains.Webhooks;

/// <summary>
/// Verifies webhooks inside the silo, where the secrets are, with the same receivers the sandbox gateway and
/// carrier deliver to in-process (<see cref="IGatewayWebhookReceiver"/>, <see cref="CarrierWebhookReceiver"/>),
/// so the API passes raw bodies and headers along and needs neither the secrets nor this assembly.
/// </summary>
[GrainType("webhook-intake")]
[StatelessWorker]
public sealed class WebhookIntakeGrain(IGatewayWebhookReceiver payments, CarrierWebhookReceiver carriers) : Grain, IWebhookIntakeGrain
{
    /// <summary>The carrier's reason for a signed but unparsable event (a 400, not a 401).</summary>
    private const string MalformedCarrierBody = "malformed-body";

    public async Task<WebhookReceipt> ReceivePaymentCallbackAsync(string body, string? signatureHeader)
    {
        var outcome = await payments.ReceiveAsync(body ?? "", signatureHeader);
        return outcome switch
        {
            WebhookOutcome.Accepted => WebhookReceipt.Accepted,
            WebhookOutcome.MalformedBody => WebhookReceipt.Malformed(outcome.ToString()),
            _ => WebhookReceipt.Unverified(outcome.ToString()),
        };
    }

    public async Task<WebhookReceipt> ReceiveCarrierEventAsync(string body, string? signatureHeader)
    {
        var verification = await carriers.ReceiveAsync(GrainFactory, body ?? "", signatureHeader);
        if (verification.Accepted) return WebhookReceipt.Accepted;
        var reason = verification.Reason ?? "refused";
        return reason == MalformedCarrierBody ? WebhookReceipt.Malformed(reason) : WebhookReceipt.Unverified(reason);
    }
}
