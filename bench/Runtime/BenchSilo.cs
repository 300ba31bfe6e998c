using Commerce.Testing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Commerce.Bench.Runtime;

/// <summary>
/// An Orleans silo co-hosted in the bench process (localhost clustering, no gateway, no storage), for the in-silo
/// suites: callers use the silo's own <see cref="IGrainFactory"/>, so calls cross no socket and no serializer
/// (the arguments are ints, which need no deep copy), only Orleans' messaging and scheduling.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private const string ClusterId = "bench";

    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchSilo> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(Tuning.LogLevel);
        builder.UseOrleans(silo =>
        {
            // Gateway port 0: no gateway, the callers are in this process.
            silo.UseLocalhostClustering(siloPort: FreePorts.Take(), gatewayPort: 0, serviceId: ClusterId, clusterId: ClusterId);
            Tuning.Apply(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    /// <summary>Activations in the silo, as its management grain counts them.</summary>
    public Task<int> ActivationCountAsync() => GrainFactory.GetGrain<IManagementGrain>(0).GetTotalActivationCount();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>
    /// What the in-silo suites change from Orleans' defaults, and why. Orleans has few per-call knobs; the rest of the
    /// tuning is process-wide and lives in Commerce.Bench.csproj (workstation non-concurrent GC, tiered PGO, thread-pool
    /// workers that do not spin), shared with the channel-actor baseline in the same process.
    /// </summary>
    internal static class Tuning
    {
        /// <summary>Nothing under load logs below Warning; Information would only add start-up noise to the report.</summary>
        public const LogLevel LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning;

        /// <summary>
        /// Idle activations are kept for the whole run: the memory suite counts a million of them, and the call suites
        /// must not pay reactivations when a round pauses between variants (Orleans' default age is 15 minutes).
        /// </summary>
        public static readonly TimeSpan CollectionAge = TimeSpan.FromHours(2);

        /// <summary>
        /// Orleans warns about every turn longer than 1 s (<see cref="SchedulingOptions.TurnWarningLengthThreshold"/>)
        /// and every request queued longer than 10 s; with 256 callers on 2 cores, GC pauses of the million-activation
        /// heap trip the first, and the warnings themselves cost. The runs measure latency themselves.
        /// </summary>
        public static readonly TimeSpan WarningThreshold = TimeSpan.FromMinutes(1);

        public static void Apply(ISiloBuilder silo)
        {
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = CollectionAge);
            silo.Configure<SchedulingOptions>(o =>
            {
                o.TurnWarningLengthThreshold = WarningThreshold;
                o.DelayWarningThreshold = WarningThreshold;
            });
            silo.Configure<SiloMessagingOptions>(o =>
            {
                o.RequestProcessingWarningTime = WarningThreshold;
                o.RequestQueueDelayWarningTime = WarningThreshold;
            });
        }
    }
}
