using System.Net;

namespace Commerce.Runtime.Configuration;

/// <summary>Where a clustered silo listens and how others reach it.</summary>
public sealed class EndpointOptions
{
    /// <summary>The address other silos and clients connect to. Default 127.0.0.1 (one machine).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The local address the listeners bind. Default: every interface.</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Any;

    /// <summary>Port for silo-to-silo connections. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for cluster clients, advertised in the membership table; 0 for no gateway. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;
}
