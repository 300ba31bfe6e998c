using Commerce.Postgres.Streams.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Commerce.Postgres.Streams.Tests;

/// <summary>
/// An Orleans cluster in the test's process whose silos and client have the PostgreSQL provider
/// <see cref="TestStreams.Provider"/> over one database, each with its own data source and log, as
/// separate machines would.
/// </summary>
internal static class StreamCluster
{
    /// <summary>Starts <paramref name="silos"/> silos and a client; the schema must exist.</summary>
    public static async Task<InProcessTestCluster> StartAsync(
        string connectionString,
        short silos = 1,
        Action<PostgresStreamProviderOptions>? configureOptions = null,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null,
        ILoggerProvider? logs = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("PubSubStore");
            // As the product places grains: Orleans' default (resource-optimized) may put every consumer on one silo,
            // and the fail-over test needs consumers, not only queues, on both.
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            silo.AddPostgresStreams(TestStreams.Provider, connectionString, configureOptions, configureStream);
            if (logs is not null) silo.Services.AddSingleton(logs);
        });
        builder.ConfigureClient(client => client.AddPostgresStreams(TestStreams.Provider, connectionString, configureOptions));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>The client's provider, to produce from outside the cluster.</summary>
    public static IStreamProvider Streams(this InProcessTestCluster cluster) => cluster.Client.GetStreamProvider(TestStreams.Provider);

    /// <summary>The factory (and so the log) of the provider in <paramref name="silo"/>.</summary>
    public static PostgresQueueAdapterFactory ProviderOf(InProcessSiloHandle silo) =>
        (PostgresQueueAdapterFactory)silo.ServiceProvider.GetRequiredKeyedService<IQueueAdapterFactory>(TestStreams.Provider);
}
