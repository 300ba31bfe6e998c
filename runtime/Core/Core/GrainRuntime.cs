using Commerce.Runtime.Catalog;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Diagnostics;
using Commerce.Runtime.Messaging;
using Commerce.Runtime.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Collections.Concurrent;

namespace Commerce.Runtime;

/// <summary>
/// The parts of a silo that every activation shares, in one object so an activation holds a
/// single reference to them: catalog, dispatcher, factory, timeouts, filters, storage, options.
/// </summary>
internal sealed class GrainRuntime : IDisposable
{
    private readonly ConcurrentDictionary<string, IGrainStorage> _storages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GrainType, bool> _localOnly = new();

    public GrainRuntime(
        IServiceProvider services,
        GrainTypeRegistry registry,
        RuntimeMetrics metrics,
        IOptions<MessagingOptions> messaging,
        IOptions<SchedulingOptions> scheduling,
        IOptions<GrainCollectionOptions> collection,
        ILoggerFactory loggers)
    {
        Services = services;
        Registry = registry;
        Metrics = metrics;
        Logger = loggers.CreateLogger("Commerce.Runtime.Activation");
        TurnBudget = scheduling.Value.TurnBudget > 0
            ? scheduling.Value.TurnBudget
            : throw new ArgumentOutOfRangeException(nameof(scheduling), "SchedulingOptions.TurnBudget must be positive.");
        DeactivationTimeout = collection.Value.DeactivationTimeout;
        Timeouts = new ResponseTimeouts(messaging, metrics, loggers.CreateLogger<ResponseTimeouts>());
        Catalog = new ActivationCatalog(this);
        Dispatcher = new GrainCallDispatcher(this);
        GrainFactory = new GrainFactory(registry, services) { Runtime = Dispatcher };
        metrics.Observe(CountActivationsByType, CountQueuedRequests);
    }

    public IServiceProvider Services { get; }

    public GrainTypeRegistry Registry { get; }

    public RuntimeMetrics Metrics { get; }

    public ILogger Logger { get; }

    public int TurnBudget { get; }

    public TimeSpan DeactivationTimeout { get; }

    public ResponseTimeouts Timeouts { get; }

    public ActivationCatalog Catalog { get; }

    public GrainCallDispatcher Dispatcher { get; }

    public GrainFactory GrainFactory { get; }

    /// <summary>Resolved at start, so filters may themselves depend on the grain factory.</summary>
    public IIncomingGrainCallFilter[] IncomingFilters { get; private set; } = [];

    public IOutgoingGrainCallFilter[] OutgoingFilters { get; private set; } = [];

    /// <summary>Routing to other silos; null for a silo that runs alone.</summary>
    public ClusterRouting? Cluster { get; private set; }

    /// <summary>Grain types whose calls always run on the calling silo (stateless workers).</summary>
    public bool IsLocalOnly(GrainType grainType) =>
        _localOnly.GetOrAdd(grainType, static (type, registry) => registry.TryGetClass(type, out var info) && info.MaxLocalWorkers is not null, Registry);

    public void Start()
    {
        Cluster = Services.GetService<ClusterRouting>();
        Registry.AddLoadedAssemblies();
        IncomingFilters = Services.GetServices<IIncomingGrainCallFilter>().ToArray();
        OutgoingFilters = Services.GetServices<IOutgoingGrainCallFilter>().ToArray();
    }

    public IGrainStorage GetStorage(string name) =>
        _storages.GetOrAdd(name, static (key, services) =>
            services.GetKeyedService<IGrainStorage>(key)
            ?? throw new InvalidOperationException($"No grain storage named '{key}' is configured. Add one with silo.AddMemoryGrainStorage(\"{key}\") or a database provider."),
            Services);

    private IEnumerable<KeyValuePair<string, int>> CountActivationsByType() =>
        Catalog.Activations.GroupBy(a => a.GrainId.Type.Value).Select(g => KeyValuePair.Create(g.Key, g.Count()));

    private long CountQueuedRequests() => Catalog.Activations.Sum(a => (long)a.QueueLength);

    public void Dispose() => Timeouts.Dispose();
}
