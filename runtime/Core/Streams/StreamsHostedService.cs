using Commerce.Runtime.Registry;
using Microsoft.Extensions.Hosting;

namespace Commerce.Runtime.Streams;

/// <summary>Registers the stream consumer interface with the silo's grain types, so deliveries can be sent and received.</summary>
internal sealed class StreamsHostedService(GrainTypeRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        RegisterConsumerInterface(registry);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static void RegisterConsumerInterface(GrainTypeRegistry registry) =>
        ((IGrainCodeRegistry)registry).AddInterface(typeof(IStreamConsumer), StreamConsumerReference.Create, StreamConsumerReference.CreateRequestFactories());
}
