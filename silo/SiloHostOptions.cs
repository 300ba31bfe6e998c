namespace Commerce.Silo;

/// <summary>
/// How this silo process joins its cluster. Set on the command line (<c>--postgres ...</c>), in
/// environment variables (<c>COMMERCE_SILO__POSTGRES=...</c>) or in the <c>Silo</c> section of
/// appsettings.json. Without a PostgreSQL connection string the silo runs the embedded default:
/// one process, in-memory membership, storage and reminders, no database.
/// </summary>
public sealed class SiloHostOptions
{
    public const string Section = "Silo";

    /// <summary>Command-line switches and the settings they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--silo-name"] = $"{Section}:{nameof(SiloName)}",
        ["--cluster-id"] = $"{Section}:{nameof(ClusterId)}",
        ["--postgres"] = $"{Section}:{nameof(Postgres)}",
        ["--silo-port"] = $"{Section}:{nameof(SiloPort)}",
        ["--gateway-port"] = $"{Section}:{nameof(GatewayPort)}",
        ["--advertised-address"] = $"{Section}:{nameof(AdvertisedAddress)}",
        ["--cluster-secret"] = $"{Section}:{nameof(ClusterSecret)}",
        ["--grain-assembly"] = $"{Section}:{nameof(GrainAssembly)}",
    };

    /// <summary>A name for logs and the dashboard. Default: machine name and process id.</summary>
    public string? SiloName { get; set; }

    /// <summary>Silos with the same cluster id and database form one cluster. Default "dev".</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>PostgreSQL connection string (Npgsql format). Null: the embedded single-process default.</summary>
    public string? Postgres { get; set; }

    /// <summary>Port other silos connect to. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port cluster clients (the API) connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at. Default 127.0.0.1.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Shared secret every silo and client must prove in the connection handshake. Required with PostgreSQL.</summary>
    public string? ClusterSecret { get; set; }

    /// <summary>Path of an extra assembly of grains to load (e.g. test grains).</summary>
    public string? GrainAssembly { get; set; }

    /// <summary>Names the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) return "--cluster-id must not be empty.";
        if (SiloPort is < 1 or > 65535) return $"--silo-port {SiloPort} is not a TCP port.";
        if (GatewayPort is < 1 or > 65535) return $"--gateway-port {GatewayPort} is not a TCP port.";
        if (Postgres is not null && string.IsNullOrWhiteSpace(ClusterSecret)) return "--cluster-secret is required when silos form a cluster over PostgreSQL.";
        if (ClusterSecret is { Length: < 16 }) return "--cluster-secret must be at least 16 characters.";
        if (GrainAssembly is not null && !File.Exists(GrainAssembly)) return $"--grain-assembly '{GrainAssembly}' does not exist.";
        return null;
    }
}
