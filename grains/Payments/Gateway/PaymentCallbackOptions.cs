namespace Commerce.Grains.Payments.Gateway;

/// <summary>How gateway callbacks are signed and checked.</summary>
public sealed class PaymentCallbackOptions
{
    /// <summary>
    /// The secret shared with the gateway, the HMAC-SHA256 key. Default: a development value that only the
    /// sandbox gateway knows; production configures the provider's webhook secret.
    /// </summary>
    public string Secret { get; set; } = "sandbox-webhook-secret-development-only";

    /// <summary>
    /// How far a callback's signed timestamp may be from now. Default 5 minutes, the usual provider value:
    /// wide enough for clock skew and retries, narrow enough that a captured callback cannot be replayed later.
    /// </summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);
}
