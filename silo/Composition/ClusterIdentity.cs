namespace Commerce.Silo;

/// <summary>
/// The cluster id Orleans is given: the service id and the cluster id together. Orleans' connection handshake
/// refuses a peer of another cluster id but does not compare service ids, so a silo of another service with the same
/// cluster id would otherwise join, take a share of the grains and read and write their state under its own service
/// id. With both in the id it is a stranger, refused like any other; and silos of different services never share a
/// membership table view.
/// </summary>
public static class ClusterIdentity
{
    public static string OrleansClusterId(string serviceId, string clusterId) => $"{serviceId}/{clusterId}";
}
