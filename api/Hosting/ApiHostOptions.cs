using Commerce.Silo;

namespace Commerce.Api.Hosting;

/// <summary>
/// Where the API finds its grains. Without <see cref="Postgres"/> it hosts an embedded silo (memory
/// storage, no network); with it, it is a cluster client of the silos sharing that database.
/// </summary>
public sealed class ApiHostOptions
{
    public const string Section = "Cluster";

    /// <summary>Command-line switches and the settings they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>(ClusterTlsOptions.Switches(Section))
    {
        ["--postgres"] = $"{Section}:{nameof(Postgres)}",
        ["--cluster-id"] = $"{Section}:{nameof(ClusterId)}",
        ["--service-id"] = $"{Section}:{nameof(ServiceId)}",
        ["--silo-port"] = $"{Section}:{nameof(EmbeddedSiloPort)}",
    };

    /// <summary>The cluster's PostgreSQL (membership table). Null: the embedded silo.</summary>
    public string? Postgres { get; set; }

    /// <summary>The cluster to join as a client. Default "dev".</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>The service the cluster runs (the silos' <c>--service-id</c>). Default "commerce".</summary>
    public string ServiceId { get; set; } = "commerce";

    /// <summary>Mutual TLS with the cluster's gateways, as the silos have it; none by default.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>Port of the embedded silo (it opens no gateway). Default 11111.</summary>
    public int EmbeddedSiloPort { get; set; } = 11111;

    /// <summary>How long a grain call from the API may take before it fails (503). Default 10 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) return "--cluster-id must not be empty.";
        if (string.IsNullOrWhiteSpace(ServiceId)) return "--service-id must not be empty.";
        if (EmbeddedSiloPort is < 1 or > 65535) return $"--silo-port {EmbeddedSiloPort} is not a TCP port.";
        if (Tls.Validate() is { } tls) return tls;
        if (ResponseTimeout <= TimeSpan.Zero || ResponseTimeout > TimeSpan.FromMinutes(10)) return "ResponseTimeout must be between 0 and 10 minutes.";
        return null;
    }
}
