namespace Commerce.Grains.Payments.Gateway;

/// <summary>How the sandbox gateway behaves; every default imitates a typical card provider's test mode.</summary>
public sealed class SandboxGatewayOptions
{
    /// <summary>Time each gateway operation takes. Default 20 ms, a fast provider's round trip within a region.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long an operation on a timing-out test token hangs before the caller's timeout fires. Default 100 ms,
    /// enough to show the wait without slowing a checkout demo.
    /// </summary>
    public TimeSpan TimeoutAfter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Whether callbacks are delivered by themselves after <see cref="CallbackDelay"/>. Default true; tests turn
    /// it off and deliver with <see cref="SandboxPaymentGateway.DeliverPendingCallbacksAsync"/>.
    /// </summary>
    public bool AutoDeliverCallbacks { get; set; } = true;

    /// <summary>Delay before a callback is delivered. Default 2 s, the order of a provider's webhook latency.</summary>
    public TimeSpan CallbackDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Extra deliveries of every callback. Default 1: providers deliver at least once and really do send
    /// duplicates, so receivers must be idempotent and the sandbox keeps them honest.
    /// </summary>
    public int DuplicateDeliveries { get; set; } = 1;

    /// <summary>Issuing country of test cards and wallets whose token names none. Default <c>DE</c>.</summary>
    public string DefaultCardCountry { get; set; } = "DE";
}
