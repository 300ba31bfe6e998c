using Commerce.Runtime.Membership;

namespace Commerce.Runtime.Networking;

/// <summary>Who this process is in handshakes: its cluster, its role, and its silo address or client id.</summary>
public sealed class TransportIdentity
{
    private TransportIdentity(string clusterId, ConnectionRole role, string name, SiloAddress? silo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ClusterId = clusterId;
        Role = role;
        Name = name;
        Silo = silo;
    }

    public string ClusterId { get; }

    public ConnectionRole Role { get; }

    /// <summary>The silo address in its string form, or the client id.</summary>
    public string Name { get; }

    /// <summary>Set for a silo.</summary>
    public SiloAddress? Silo { get; }

    /// <summary>
    /// A silo. Port 0 in <paramref name="silo"/> lets the OS pick a free port when the manager starts
    /// listening; <see cref="ConnectionManager.Local"/> then holds the address with the actual port.
    /// </summary>
    public static TransportIdentity ForSilo(string clusterId, SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return new TransportIdentity(clusterId, ConnectionRole.Silo, silo.ToString(), silo);
    }

    public static TransportIdentity ForClient(string clusterId, string clientId) => new(clusterId, ConnectionRole.Client, clientId, null);

    public override string ToString() => $"{Role} {Name} of cluster {ClusterId}";
}
