namespace Commerce.Silo;

/// <summary>The metrics endpoint and export. Bound from the <c>Metrics</c> section.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The standard OpenTelemetry variable; when set, metrics are also pushed over OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Serve the Prometheus endpoint. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Its path. Default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Null (default): the endpoint is anonymous, for a scraper on the internal network (keep it off the public
    /// ingress). Set: scrapes must send <c>Authorization: Bearer &lt;token&gt;</c>.
    /// </summary>
    public string? ScrapeToken { get; set; }

    /// <summary>An OTLP collector to push metrics to (e.g. <c>http://otel-collector:4317</c>); else <see cref="OtlpEndpointVariable"/>; else none.</summary>
    public string? OtlpEndpoint { get; set; }
}
