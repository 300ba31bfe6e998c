using Commerce.GrainInterfaces.Streams;
using Commerce.Grains;
using Commerce.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Commerce.Grains.Testing;

/// <summary>
/// An Orleans cluster in the test's process (<see cref="InProcessTestCluster"/>) with every commerce grain and the
/// embedded default's providers (memory storage, reminders and streams, grain state as JSON). Calls from
/// <see cref="GrainFactory"/> come from a client, so arguments, results and exceptions cross the serializer as they
/// do between processes. <c>await using var cluster = await CommerceTestCluster.StartAsync();</c>
/// </summary>
public sealed class CommerceTestCluster : IAsyncDisposable
{
    /// <summary>Reminders may tick this often in tests (Orleans' default minimum is one minute).</summary>
    public static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMilliseconds(100);

    private CommerceTestCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public IGrainFactory GrainFactory => Cluster.Client;

    /// <summary>The first silo's services (its read models, storage, options).</summary>
    public IServiceProvider Services => Cluster.Silos[0].ServiceProvider;

    /// <param name="configureSilo">Runs last, after the commerce defaults: replace providers here.</param>
    /// <param name="configureServices">Silo services: options of the grains, fakes of outside services.</param>
    /// <param name="silos">How many silos.</param>
    /// <param name="durableStreams">A stand-in for the "durable" stream provider (a recording broker); null: memory streams.</param>
    public static async Task<CommerceTestCluster> StartAsync(
        Action<ISiloBuilder>? configureSilo = null,
        Action<IServiceCollection>? configureServices = null,
        short silos = 1,
        IStreamProvider? durableStreams = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseCommerceInMemoryProviders(durableStreams: durableStreams is null).UseJsonGrainState();
            if (durableStreams is not null) silo.Services.AddKeyedSingleton(StreamProviderNames.Durable, durableStreams);
            silo.AddMemoryStreams(StreamProviderNames.Memory);
            silo.Configure<ReminderOptions>(o =>
            {
                o.MinimumReminderPeriod = MinimumReminderPeriod;
                o.RefreshReminderListPeriod = TimeSpan.FromMilliseconds(200);
            });
            // A test that leaves a request hanging should not hold its silo's shutdown for long.
            silo.Configure<GrainCollectionOptions>(o => o.DeactivationTimeout = TimeSpan.FromSeconds(3));
            silo.Services.AddCommerceGrains();
            configureServices?.Invoke(silo.Services);
            configureSilo?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(StreamProviderNames.Memory).AddMemoryStreams(StreamProviderNames.Durable));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new CommerceTestCluster(cluster);
    }

    /// <summary>Whether <paramref name="grainId"/> has a live activation on any silo.</summary>
    public bool IsActive(GrainId grainId) => Cluster.TryGetGrainContext(grainId, out _);

    /// <summary>Deactivates every idle activation now instead of waiting for the collection age.</summary>
    public Task CollectIdleActivationsAsync() => Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>Deactivates the grain's activation and waits until it is gone; its next call activates it from storage.</summary>
    public Task DeactivateAsync(IAddressable grain) => Cluster.DeactivateAsync(grain);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
