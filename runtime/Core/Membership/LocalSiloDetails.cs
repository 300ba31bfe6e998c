namespace Commerce.Runtime.Membership;

/// <summary>Who this silo is in the cluster.</summary>
/// <param name="Address">Its identity and silo-to-silo endpoint.</param>
/// <param name="SiloName">A name for logs and the dashboard.</param>
/// <param name="GatewayPort">Where cluster clients connect.</param>
public sealed record LocalSiloDetails(SiloAddress Address, string SiloName, int GatewayPort);
