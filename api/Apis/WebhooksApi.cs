using Commerce.GrainInterfaces.Webhooks;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>
/// Callbacks from the payment gateway and the carrier. The raw body and signature header go to
/// <see cref="IWebhookIntakeGrain"/>, which verifies them in the silo (where the secrets are) before anything
/// reaches a payment or shipment: forged, altered, unsigned or stale callbacks are 401 and change nothing.
/// </summary>
public static class WebhooksApi
{
    /// <summary>Largest webhook body read. Default 16 KiB: a callback is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/webhooks").WithTags("Webhooks").DisableRateLimiting();
        webhooks.MapPost("/payments", PaymentAsync).WithName("PaymentGatewayWebhook").WithSummary($"A payment gateway callback, signed in the {WebhookSignatureHeaders.Payment} header.");
        webhooks.MapPost("/carrier", CarrierAsync).WithName("CarrierWebhook").WithSummary($"A carrier tracking event, signed in the {WebhookSignatureHeaders.Carrier} header.");
        return routes;
    }

    internal static async Task<Results<Ok, ProblemHttpResult>> PaymentAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        var receipt = await grains.GetGrain<IWebhookIntakeGrain>(0).ReceivePaymentCallbackAsync(body, request.Headers[WebhookSignatureHeaders.Payment].ToString());
        return receipt.Verdict switch
        {
            WebhookVerdict.Accepted => TypedResults.Ok(),
            WebhookVerdict.Malformed => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unverified callback", detail: receipt.Reason),
        };
    }

    internal static async Task<Results<Ok, ProblemHttpResult>> CarrierAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        var receipt = await grains.GetGrain<IWebhookIntakeGrain>(0).ReceiveCarrierEventAsync(body, request.Headers[WebhookSignatureHeaders.Carrier].ToString());
        return receipt.Verdict switch
        {
            WebhookVerdict.Accepted => TypedResults.Ok(),
            WebhookVerdict.Malformed => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed event"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unverified event", detail: receipt.Reason),
        };
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
