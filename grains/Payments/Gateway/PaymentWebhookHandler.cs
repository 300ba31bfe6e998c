using System.Text.Json;
using Commerce.GrainInterfaces.Payments;
using Microsoft.Extensions.Logging;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>
/// Receives gateway callbacks: verifies the signature with <see cref="PaymentCallbackVerifier"/>, refuses
/// forged, tampered and replayed ones, parses the body and hands it to the payment grain it names.
/// </summary>
public sealed partial class PaymentWebhookHandler(
    PaymentCallbackVerifier verifier,
    IGrainFactory grains,
    ILogger<PaymentWebhookHandler> logger) : IGatewayWebhookReceiver
{
    public async Task<WebhookOutcome> ReceiveAsync(string body, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        var verdict = verifier.Verify(body, signatureHeader);
        if (verdict != CallbackVerification.Valid)
        {
            LogRefused(logger, verdict);
            return verdict switch
            {
                CallbackVerification.Expired => WebhookOutcome.Expired,
                CallbackVerification.BadSignature => WebhookOutcome.BadSignature,
                _ => WebhookOutcome.MissingOrMalformedSignature,
            };
        }

        GatewayCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize<GatewayCallback>(body, GatewayJson.Options);
        }
        catch (JsonException)
        {
            return WebhookOutcome.MalformedBody;
        }
        if (callback is null || string.IsNullOrWhiteSpace(callback.PaymentId) || string.IsNullOrWhiteSpace(callback.EventId))
        {
            return WebhookOutcome.MalformedBody;
        }

        await grains.GetGrain<IPaymentGrain>(callback.PaymentId).HandleCallbackAsync(callback);
        return WebhookOutcome.Accepted;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Refused a payment gateway callback: {Verdict}")]
    private static partial void LogRefused(ILogger logger, CallbackVerification verdict);
}
