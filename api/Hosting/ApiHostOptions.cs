namespace Commerce.Api.Hosting;

/// <summary>
/// Where the API finds its grains. Without <see cref="Postgres"/> it hosts an embedded silo (memory
/// storage, no network); with it, it is a cluster client of the silos sharing that database.
/// </summary>
public sealed class ApiHostOptions
{
    public const string Section = "Cluster";

    /// <summary>Command-line switches and the settings they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--postgres"] = $"{Section}:{nameof(Postgres)}",
        ["--cluster-id"] = $"{Section}:{nameof(ClusterId)}",
        ["--cluster-secret"] = $"{Section}:{nameof(ClusterSecret)}",
    };

    /// <summary>The cluster's PostgreSQL (membership table). Null: the embedded silo.</summary>
    public string? Postgres { get; set; }

    /// <summary>The cluster to join as a client. Default "dev".</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>The cluster's shared secret; required with <see cref="Postgres"/>.</summary>
    public string? ClusterSecret { get; set; }

    /// <summary>How long a grain call from the API may take before it fails (503). Default 10 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) return "--cluster-id must not be empty.";
        if (Postgres is not null && string.IsNullOrWhiteSpace(ClusterSecret)) return "--cluster-secret is required with --postgres.";
        return null;
    }
}
