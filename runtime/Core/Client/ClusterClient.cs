using Commerce.Runtime.Diagnostics;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Messaging;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Placement;
using Commerce.Runtime.Registry;
using Commerce.Runtime.Streams;
using Commerce.Runtime.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Client;

/// <summary>
/// A process outside the cluster that calls grains (the HTTP API): it follows the membership table,
/// routes each call to the grain's owner through that silo's gateway, and reconnects as silos come
/// and go. Calls to a silo that just died fail with <see cref="SiloUnavailableException"/>: retry.
/// </summary>
public sealed class ClusterClient : IClusterClient, IAsyncDisposable
{
    private readonly MembershipViewReader _membership;
    private readonly ConnectionManager _connections;
    private readonly ResponseTimeouts _timeouts;
    private readonly ServiceProvider _services;
    private readonly GrainFactory _factory;

    private ClusterClient(ClusterClientOptions options, IMembershipTable table, MessagingOptions messaging, ILoggerFactory loggers)
    {
        _services = new ServiceCollection().AddMetrics().AddSingleton(loggers)
            // Clients produce on the silos' providers through a gateway grain; they do not subscribe.
            .AddSingleton<IStreamProvider>(_ => new ClientStreamProvider(StreamProviderNames.Memory, () => _factory!))
            .AddSingleton<IStreamProvider>(_ => new ClientStreamProvider(StreamProviderNames.Durable, () => _factory!))
            .BuildServiceProvider();
        var registry = new GrainTypeRegistry();
        registry.AddLoadedAssemblies();
        _membership = new MembershipViewReader(table, options.TableRefreshPeriod, loggers.CreateLogger<ClusterClient>());
        var placement = new ClusterPlacement(_membership, self: null);
        _timeouts = new ResponseTimeouts(Options.Create(messaging), new RuntimeMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), loggers.CreateLogger<ResponseTimeouts>());
        _factory = new GrainFactory(registry, _services);
        _connections = new ConnectionManager(
            new NetworkingOptions { ClusterSecret = options.ClusterSecret },
            TransportIdentity.ForClient(options.ClusterId, $"client-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"),
            registry,
            _factory,
            handler: null,
            loggers);
        _factory.Runtime = new ClientCallRuntime(placement, _connections, _timeouts, () => _factory);
        Registry = registry;
    }

    internal GrainTypeRegistry Registry { get; }

    public IServiceProvider ServiceProvider => _services;

    /// <summary>The client's current view of the cluster.</summary>
    public ClusterMembershipView View => _membership.CurrentView;

    /// <summary>Reads the membership, waits for an active silo and loads the cluster's grain types.</summary>
    public static async Task<ClusterClient> ConnectAsync(
        ClusterClientOptions options,
        IMembershipTable table,
        MessagingOptions? messaging = null,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ClusterSecret)) throw new ArgumentException("ClusterClientOptions.ClusterSecret is required.", nameof(options));
        var client = new ClusterClient(options, table, messaging ?? new MessagingOptions(), loggers ?? NullLoggerFactory.Instance);
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(options.ConnectTimeout);
            await client._membership.StartAsync(patience.Token);
            while (client.View.ActiveSilos.IsEmpty)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), patience.Token);
                await client._membership.RefreshAsync(patience.Token);
            }

            var manifest = await client._factory.GetGrain<IClusterManifestGrain>(ClusterManifestGrain.Id).GetGrainTypesAsync().WaitAsync(patience.Token);
            client.Registry.ApplyManifest(manifest);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey => _factory.GetGrain<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey => _factory.GetGrain<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey => _factory.GetGrain<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable => _factory.GetGrain<TGrainInterface>(grainId);

    public async ValueTask DisposeAsync()
    {
        await _membership.DisposeAsync();
        await _connections.DisposeAsync();
        _timeouts.Dispose();
        await _services.DisposeAsync();
    }
}
