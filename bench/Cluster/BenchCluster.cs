using Commerce.Cluster.TestGrains;
using Commerce.Silo;
using Commerce.Testing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Commerce.Bench.Cluster;

/// <summary>
/// A throwaway PostgreSQL, silo processes of the product's silo executable over it (ADO.NET clustering, the test
/// grains loaded with <c>--grain-assembly</c>), and Orleans cluster clients configured as the API configures its own.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    /// <summary>How often the membership table is read while waiting for a silo to become active or dead.</summary>
    public static readonly TimeSpan TablePollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a started silo may take to show as Active in the table.</summary>
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresServer _server;
    private readonly List<SiloProcess> _silos = [];
    private readonly List<IHost> _clients = [];

    private BenchCluster(PostgresServer server, string clusterId, string connectionString)
    {
        _server = server;
        ClusterId = clusterId;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ClusterId { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The service id the silo executable runs by default; a client must name the same.</summary>
    public static string ServiceId => new SiloHostOptions().ServiceId;

    /// <summary>The cluster id Orleans sees (service and cluster id together), as in the membership table.</summary>
    public string OrleansClusterId => ClusterIdentity.OrleansClusterId(ServiceId, ClusterId);

    /// <summary>The test grains (ping, ping caller) the silos load besides the commerce grains.</summary>
    public static string TestGrainAssembly => typeof(IPingGrain).Assembly.Location;

    /// <summary>Starts the database; silos come with <see cref="AddSiloAsync"/>.</summary>
    public static async Task<BenchCluster> StartAsync(string name)
    {
        Console.WriteLine("Starting a throwaway PostgreSQL server...");
        var server = await PostgresServer.StartAsync();
        var clusterId = $"{name}{Environment.ProcessId}";
        return new BenchCluster(server, clusterId, await server.CreateDatabaseAsync(clusterId));
    }

    /// <summary>Starts one more silo process and waits until the membership table shows every started silo Active.</summary>
    /// <param name="extraArguments">More command-line options for the silo executable.</param>
    public async Task<SiloProcess> AddSiloAsync(string name, params string[] extraArguments)
    {
        var silo = await SiloProcess.StartAsync(name, ClusterId, ConnectionString, TestGrainAssembly, extraArguments: extraArguments);
        _silos.Add(silo);
        using var timeout = new CancellationTokenSource(ActiveTimeout);
        while (await ActiveSiloCountAsync() < _silos.Count(s => !s.HasExited)) await Task.Delay(TablePollInterval, timeout.Token);
        Console.WriteLine($"  {name} active (process {silo.ProcessId}, silo port {silo.SiloPort})");
        return silo;
    }

    /// <summary>
    /// A new Orleans client of the cluster, configured as the API's cluster mode configures its own (ADO.NET clustering
    /// on the cluster's database, cluster and service id, response timeout). It reads the gateways from the table when
    /// it starts, so a client started after a silo joined spreads its grains over every silo's gateway.
    /// </summary>
    public async Task<IClusterClient> ConnectClientAsync(TimeSpan responseTimeout)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = OrleansClusterId;
                o.ServiceId = ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloComposition.PostgresInvariant;
                o.ConnectionString = ConnectionString;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
        });
        var host = builder.Build();
        await host.StartAsync();
        _clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Silos of this cluster the membership table shows as Active.</summary>
    public async Task<long> ActiveSiloCountAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM orleans_membership WHERE cluster_id = $1 AND status = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OrleansClusterId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)SiloStatus.Active });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The status the membership table holds for <paramref name="silo"/>'s latest incarnation.</summary>
    public async Task<SiloStatus?> StatusOfAsync(SiloProcess silo)
    {
        await using var command = DataSource.CreateCommand("SELECT status FROM orleans_membership WHERE cluster_id = $1 AND port = $2 ORDER BY generation DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OrleansClusterId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.SiloPort });
        return await command.ExecuteScalarAsync() is int status ? (SiloStatus)status : null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.StopAsync();
            client.Dispose();
        }

        foreach (var silo in _silos) await silo.DisposeAsync();
        await DataSource.DisposeAsync();
        await _server.DisposeAsync();
    }
}
