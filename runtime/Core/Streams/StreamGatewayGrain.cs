namespace Commerce.Runtime.Streams;

/// <summary>
/// Produces a client's events on this silo's stream provider. Clients key it by the stream, so the
/// load spreads over the silos; a stateless worker, so it runs where the call lands.
/// </summary>
[GrainType(TypeName)]
[StatelessWorker]
internal sealed class StreamGatewayGrain : Grain, IStreamGatewayGrain
{
    public const string TypeName = "sys.stream-gateway";

    public Task ProduceAsync(string provider, string stream, string eventType, List<byte[]> payloads)
    {
        if (ServiceProvider.GetStreamProvider(provider) is not StreamProvider target)
            throw new StreamDeliveryException($"Stream provider '{provider}' of this silo does not accept events from clients.");
        return target.ProduceAsync(StreamId.Parse(stream), eventType, payloads, CancellationToken.None);
    }
}
