namespace Commerce.Runtime.Client;

/// <summary>How an external cluster client (e.g. the HTTP API) finds and talks to the silos.</summary>
public sealed class ClusterClientOptions
{
    /// <summary>The cluster to join as a client. Default "dev".</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>The cluster's shared secret, proven in every connection handshake. Required.</summary>
    public string? ClusterSecret { get; set; }

    /// <summary>How often the membership table is re-read besides change notifications. Default 1 s.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long <see cref="ClusterClient.ConnectAsync"/> waits for an active silo. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
