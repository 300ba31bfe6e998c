namespace Commerce.Grains.Logistics;

/// <summary>Tunables of the SANDBOX carrier (<see cref="SandboxCarrier"/>, <see cref="SandboxCarrierGrain"/>).</summary>
public sealed class SandboxCarrierOptions
{
    /// <summary>Time between a parcel's carrier events. Default 30 s: a real carrier takes days; a demo should not.</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sandbox looks for due events to send (and retries failed webhooks). Default 1 s.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of parcels (0..1) that end in a carrier exception instead of delivery. Default 0.05.</summary>
    public double FailureRate { get; set; } = 0.05;

    /// <summary>Share of webhook sends (0..1) that fail as a flaky network would; they are retried on the next tick. Default 0.1.</summary>
    public double WebhookFailureRate { get; set; } = 0.1;
}
