using Commerce.Silo;
using Commerce.Testing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Streams;

namespace Commerce.Bench.Streams;

/// <summary>
/// The product's silo, as the silo executable composes it with <c>--postgres</c> (ADO.NET clustering, storage and
/// reminders, the durable stream provider over the PostgreSQL log, the memory provider, the commerce grains), hosted
/// in the bench process so producers and the consumer grain share one clock. The bench's consumer grain is found
/// like any grain of a loaded assembly.
/// </summary>
internal sealed class BenchStreamSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchStreamSilo(IHost host) => _host = host;

    public static async Task<BenchStreamSilo> StartAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Gateway port 0: no gateway, the producers are in this process.
        builder.AddCommerceSilo(new SiloHostOptions { Postgres = connectionString, ClusterId = clusterId, SiloName = "bench", SiloPort = FreePorts.Take(), GatewayPort = 0 });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchStreamSilo(host);
    }

    /// <summary>A stream provider of the silo, for producing from outside grains.</summary>
    public IStreamProvider GetStreamProvider(string name) => _host.Services.GetRequiredService<IClusterClient>().GetStreamProvider(name);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
