namespace Commerce.Runtime.Configuration;

/// <summary>The identity of this silo.</summary>
public sealed class SiloOptions
{
    /// <summary>A name for logs and the dashboard. Default: the machine name and process id.</summary>
    public string SiloName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The cluster this silo belongs to. Default "dev".</summary>
    public string ClusterId { get; set; } = "dev";
}
