using Commerce.Grains.Logistics;
using Commerce.Grains.Payments.Gateway;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>
/// Callbacks from the payment gateway and the carrier. The raw body and signature header go to the
/// payment and logistics areas' verifiers before anything reaches a grain: forged, altered, unsigned or
/// stale callbacks are 401 and change nothing.
/// </summary>
public static class WebhooksApi
{
    /// <summary>Largest webhook body read. Default 16 KiB: a callback is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/webhooks").WithTags("Webhooks").DisableRateLimiting();
        webhooks.MapPost("/payments", PaymentAsync).WithName("PaymentGatewayWebhook").WithSummary($"A payment gateway callback, signed in the {PaymentCallbackSignature.HeaderName} header.");
        webhooks.MapPost("/carrier", CarrierAsync).WithName("CarrierWebhook").WithSummary($"A carrier tracking event, signed in the {CarrierWebhookVerifier.SignatureHeader} header.");
        return routes;
    }

    internal static async Task<Results<Ok, ProblemHttpResult>> PaymentAsync(HttpRequest request, IGatewayWebhookReceiver receiver, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        var outcome = await receiver.ReceiveAsync(body, request.Headers[PaymentCallbackSignature.HeaderName].ToString(), cancellationToken);
        return outcome switch
        {
            WebhookOutcome.Accepted => TypedResults.Ok(),
            WebhookOutcome.MalformedBody => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unverified callback", detail: outcome.ToString()),
        };
    }

    internal static async Task<Results<Ok, ProblemHttpResult>> CarrierAsync(HttpRequest request, CarrierWebhookReceiver receiver, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        var verification = await receiver.ReceiveAsync(grains, body, request.Headers[CarrierWebhookVerifier.SignatureHeader].ToString());
        if (verification.Accepted) return TypedResults.Ok();
        return verification.Reason == "malformed-body"
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed event")
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unverified event", detail: verification.Reason);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) throw new BadHttpRequestException("Webhook body too large.", StatusCodes.Status413PayloadTooLarge);
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxBodyBytes + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (length > MaxBodyBytes) throw new BadHttpRequestException("Webhook body too large.", StatusCodes.Status413PayloadTooLarge);
        return new string(buffer, 0, length);
    }
}
