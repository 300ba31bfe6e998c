namespace Commerce.GrainInterfaces.Webhooks;

/// <summary>What <see cref="IWebhookIntakeGrain"/> made of one webhook. The HTTP edge answers 200, 400 or 401.</summary>
/// <param name="Reason">
/// Why it was not accepted, for the response's detail: the payment verdict (<c>BadSignature</c>, <c>Expired</c>,
/// <c>MissingOrMalformedSignature</c>, <c>MalformedBody</c>) or the carrier's (<c>bad-signature</c>,
/// <c>stale-timestamp</c>, <c>missing-signature</c>, <c>malformed-body</c>...); null when accepted.
/// </param>
[GenerateSerializer, Immutable, Alias("commerce.WebhookReceipt")]
public sealed record WebhookReceipt(WebhookVerdict Verdict, string? Reason)
{
    public static WebhookReceipt Accepted { get; } = new(WebhookVerdict.Accepted, null);

    public static WebhookReceipt Unverified(string reason) => new(WebhookVerdict.Unverified, reason);

    public static WebhookReceipt Malformed(string reason) => new(WebhookVerdict.Malformed, reason);
}

/// <summary>The verdict on one webhook.</summary>
public enum WebhookVerdict
{
    /// <summary>Verified and applied (or ignored as a duplicate). HTTP 200.</summary>
    Accepted,

    /// <summary>Signed correctly but the body is not an event we understand. HTTP 400.</summary>
    Malformed,

    /// <summary>Missing, malformed, forged or stale signature, or an empty body: nothing was applied. HTTP 401.</summary>
    Unverified,
}
