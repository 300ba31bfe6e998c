namespace Commerce.Silo;

/// <summary>
/// How a silo joins its cluster. Set on the command line (<c>--postgres ...</c>), in environment variables
/// (<c>COMMERCE_SILO__POSTGRES=...</c>) or in the <c>Silo</c> section of appsettings.json. Without a PostgreSQL
/// connection string the silo runs the embedded default: one process, localhost clustering, memory storage,
/// reminders and streams, no database.
/// </summary>
public sealed class SiloHostOptions
{
    public const string Section = "Silo";

    /// <summary>Command-line switches and the settings they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>(ClusterTlsOptions.Switches(Section))
    {
        ["--silo-name"] = $"{Section}:{nameof(SiloName)}",
        ["--cluster-id"] = $"{Section}:{nameof(ClusterId)}",
        ["--service-id"] = $"{Section}:{nameof(ServiceId)}",
        ["--postgres"] = $"{Section}:{nameof(Postgres)}",
        ["--silo-port"] = $"{Section}:{nameof(SiloPort)}",
        ["--gateway-port"] = $"{Section}:{nameof(GatewayPort)}",
        ["--advertised-address"] = $"{Section}:{nameof(AdvertisedAddress)}",
        ["--grain-assembly"] = $"{Section}:{nameof(GrainAssembly)}",
    };

    /// <summary>A name for logs and the dashboard. Default: machine name and process id.</summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// Silos with the same cluster id and database form one cluster; a silo or client with another id is refused.
    /// Default "dev". A new deployment of the same service may use a new cluster id.
    /// </summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>
    /// The service this cluster runs: part of every grain's storage and reminder key, so it must stay the same across
    /// deployments (unlike <see cref="ClusterId"/>). Default "commerce".
    /// </summary>
    public string ServiceId { get; set; } = "commerce";

    /// <summary>PostgreSQL connection string (Npgsql format). Null: the embedded single-process default.</summary>
    public string? Postgres { get; set; }

    /// <summary>Port other silos connect to. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port cluster clients (the API) connect to; 0 runs no gateway (the embedded default needs none). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at. Default 127.0.0.1.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Mutual TLS with the other silos and the clients; none by default.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>Path of an extra assembly of grains to load (e.g. test grains).</summary>
    public string? GrainAssembly { get; set; }

    /// <summary>Names the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) return "--cluster-id must not be empty.";
        if (string.IsNullOrWhiteSpace(ServiceId)) return "--service-id must not be empty.";
        if (SiloPort is < 1 or > 65535) return $"--silo-port {SiloPort} is not a TCP port.";
        if (GatewayPort is < 0 or > 65535) return $"--gateway-port {GatewayPort} is not a TCP port (or 0 for none).";
        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _)) return $"--advertised-address '{AdvertisedAddress}' is not an IP address.";
        if (Tls.Validate() is { } tls) return tls;
        if (GrainAssembly is not null && !File.Exists(GrainAssembly)) return $"--grain-assembly '{GrainAssembly}' does not exist.";
        return null;
    }
}
