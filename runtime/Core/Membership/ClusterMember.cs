namespace Commerce.Runtime.Membership;

/// <summary>One silo as the cluster sees it.</summary>
/// <param name="Address">Its identity and silo-to-silo endpoint.</param>
/// <param name="Status">Its state in the membership table.</param>
/// <param name="SiloName">A name for logs and the dashboard.</param>
/// <param name="GatewayPort">Where cluster clients connect; 0 when the silo takes no clients.</param>
public sealed record ClusterMember(SiloAddress Address, SiloStatus Status, string SiloName, int GatewayPort);
