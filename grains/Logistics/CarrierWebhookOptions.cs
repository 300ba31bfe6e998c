namespace Commerce.Grains.Logistics;

/// <summary>How carrier webhooks are signed and checked (<see cref="CarrierWebhookVerifier"/>).</summary>
public sealed class CarrierWebhookOptions
{
    /// <summary>The shared HMAC-SHA256 secret. Default a development value: configure a real one (at least 32 characters) per carrier in production.</summary>
    public string Secret { get; set; } = "sandbox-carrier-webhook-secret-change-me";

    /// <summary>How far a webhook's timestamp may be from now. Default 5 minutes: bounds replays while tolerating clock skew and retries.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);
}
