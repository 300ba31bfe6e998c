namespace Commerce.Runtime.Streams;

/// <summary>Where a cluster client's events enter the cluster: a stateless worker that produces them on the silo's provider.</summary>
public interface IStreamGatewayGrain : IGrainWithStringKey
{
    /// <summary>Produces <paramref name="payloads"/> (UTF-8 JSON each), in order, on <paramref name="stream"/> of <paramref name="provider"/>.</summary>
    Task ProduceAsync(string provider, string stream, string eventType, List<byte[]> payloads);
}
