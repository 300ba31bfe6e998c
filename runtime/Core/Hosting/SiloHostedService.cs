using Commerce.Runtime.Catalog;
using Commerce.Runtime.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Hosting;

/// <summary>Starts the silo with its host and, on shutdown, deactivates every activation gracefully.</summary>
internal sealed class SiloHostedService(
    GrainRuntime runtime,
    ActivationCollector collector,
    IEnumerable<GrainAssemblyRegistration> assemblies,
    IOptions<SiloOptions> silo,
    IOptions<GrainCollectionOptions> collection,
    ILogger<SiloHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in assemblies) runtime.Registry.AddAssembly(registration.Assembly);
        runtime.Start();
        collector.Start();
        logger.LogInformation("Silo {Silo} of cluster {Cluster} started with grain classes: {Classes}",
            silo.Value.SiloName, silo.Value.ClusterId, string.Join(", ", runtime.Registry.Classes.Select(c => c.GrainType.Value).Order()));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Dispose();
        var count = runtime.Catalog.Count;
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var abandoned = await runtime.Catalog.DeactivateAllAsync(reason, collection.Value.ShutdownTimeout, cancellationToken);
        runtime.Catalog.Close();
        // Grains may have been activated by calls racing the close; one more pass catches them.
        abandoned += await runtime.Catalog.DeactivateAllAsync(reason, collection.Value.DeactivationTimeout, cancellationToken);
        if (abandoned > 0) logger.LogWarning("{Count} activations did not deactivate in time and were abandoned", abandoned);
        logger.LogInformation("Silo {Silo} stopped after deactivating {Count} activations", silo.Value.SiloName, count);
        runtime.Dispose();
    }
}
