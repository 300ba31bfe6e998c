namespace Commerce.Api.Security;

/// <summary>Per-client request budgets. Bound from the <c>RateLimiting</c> section; benchmarks and tests relax them.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off: no limits at all (benchmarks). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Burst a client (a signed-in user, else an IP address) may send. Default 200 requests.</summary>
    public int TokenLimit { get; set; } = 200;

    /// <summary>Steady requests per second a client earns back. Default 100.</summary>
    public int TokensPerSecond { get; set; } = 100;

    /// <summary>Sign-in and registration attempts per client per minute (password guessing). Default 20.</summary>
    public int AuthAttemptsPerMinute { get; set; } = 20;
}
