using Commerce.Runtime.Catalog;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Testing;

/// <summary>
/// A silo hosted in the test's own process, with in-memory storage by default, for tests of grains
/// and of the runtime. <c>await using var cluster = await TestCluster.StartAsync();</c>
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestCluster(IHost host) => _host = host;

    public static async Task<TestCluster> StartAsync(Action<ISiloBuilder>? configureSilo = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseSilo(silo =>
        {
            // A test that leaves a request hanging should not hold its silo's shutdown for a minute.
            silo.Configure<GrainCollectionOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(3));
            if (!silo.Services.Any(s => s.ServiceType == typeof(IGrainStorage) && Equals(s.ServiceKey, StorageNames.Default)))
                silo.AddMemoryGrainStorage();
            configureSilo?.Invoke(silo);
        });
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestCluster(host);
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public IGrainFactory GrainFactory => Client;

    public IServiceProvider Services => _host.Services;

    /// <summary>Live activations in the silo.</summary>
    public int ActivationCount => Runtime.Catalog.Activations.Count();

    /// <summary>Whether <paramref name="grainId"/> has a live activation.</summary>
    public bool IsActive(GrainId grainId) => Runtime.Catalog.Activations.Any(a => a.GrainId == grainId && a.IsValid);

    /// <summary>Runs one idle-collection pass now instead of waiting for the collection quantum.</summary>
    public int CollectIdleActivations() => _host.Services.GetRequiredService<ActivationCollector>().CollectIdle();

    private GrainRuntime Runtime => _host.Services.GetRequiredService<GrainRuntime>();

    /// <summary>Stops the silo gracefully: every activation is deactivated.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
