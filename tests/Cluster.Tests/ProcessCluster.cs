using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Commerce.Silo;
using Commerce.Testing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Commerce.Cluster.Tests;

/// <summary>
/// Silo processes (the product's silo executable, loading the test grains) of one Orleans cluster on a PostgreSQL
/// database, and Orleans clients in the test process that call them. Silos run with the product's default
/// membership options unless a test passes others. Disposing stops the clients and kills the silos; each silo's
/// output is kept in <c>silo-logs/</c> next to the test assembly.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    /// <summary>ADO.NET invariant of Npgsql, as the silos name it (SiloComposition.PostgresInvariant).</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Orleans' SiloStatus values as stored in orleans_membership.status.</summary>
    public const int Active = 3, ShuttingDown = 4, Stopping = 5, Dead = 6;

    private static int _clusters;
    private readonly List<SiloProcess> _silos = [];
    private readonly List<IHost> _clients = [];
    private readonly string[] _siloArguments;
    private readonly ConcurrentQueue<string> _clientLog = new();
    private int _siloNumbers;

    private ProcessCluster(string connectionString, string clusterId, string serviceId, string[] siloArguments)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        ServiceId = serviceId;
        _siloArguments = siloArguments;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ClusterId { get; }

    public string ServiceId { get; }

    public string ConnectionString { get; }

    /// <summary>The cluster's database, to look at the tables behind Orleans' providers.</summary>
    public NpgsqlDataSource DataSource { get; }

    public IReadOnlyList<SiloProcess> Silos
    {
        get { lock (_silos) return [.. _silos]; }
    }

    /// <summary>A cluster of <paramref name="silos"/> silo processes on a fresh database.</summary>
    public static async Task<ProcessCluster> StartAsync(PostgresFixture postgres, int silos, params string[] siloArguments) =>
        await StartAsync(await postgres.CreateDatabaseAsync("cluster"), silos, clusterId: null, serviceId: null, siloArguments);

    /// <summary>
    /// A cluster of <paramref name="silos"/> silo processes on the database <paramref name="connectionString"/>, which
    /// other clusters may share (the first silo applies the schema migrations if nobody has yet).
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(string connectionString, int silos, string? clusterId = null, string? serviceId = null, params string[] siloArguments)
    {
        var number = Interlocked.Increment(ref _clusters);
        var cluster = new ProcessCluster(connectionString, clusterId ?? $"cluster{number}-{Guid.NewGuid():N}"[..20], serviceId ?? "cluster-tests", siloArguments);
        try
        {
            // All at once: the schema migrator serializes silos on an advisory lock, Orleans' joins on the table version.
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.AddSiloAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts clusters at the same time (e.g. two on one database); if one fails, stops those that started.</summary>
    public static async Task<ProcessCluster[]> StartTogetherAsync(params Func<Task<ProcessCluster>>[] starts)
    {
        var starting = starts.Select(start => start()).ToArray();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully)) await started.Result.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo of this cluster and waits until it serves.</summary>
    public async Task<SiloProcess> AddSiloAsync(params string[] arguments)
    {
        var name = $"silo{Interlocked.Increment(ref _siloNumbers)}";
        var silo = await SiloProcess.StartAsync(
            name, ClusterId, ConnectionString, typeof(TestGrains.ICounterGrain).Assembly.Location, TimeSpan.FromSeconds(90),
            ["--service-id", ServiceId, .. _siloArguments, .. arguments]);
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    /// <summary>
    /// Starts an Orleans client of this cluster that finds the gateways in the membership table, as the API does.
    /// <paramref name="clusterId"/> and <paramref name="serviceId"/> override the cluster's own, to test refusals.
    /// </summary>
    /// <paramref name="configure"/> adds to the client's configuration (e.g. its TLS certificate).
    public Task<IClusterClient> ConnectClientAsync(
        TimeSpan? responseTimeout = null, string? clusterId = null, string? serviceId = null, TimeSpan? startTimeout = null, Action<IClientBuilder>? configure = null) =>
        StartClientAsync(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = ConnectionString;
            });
            configure?.Invoke(client);
        }, responseTimeout, clusterId, serviceId, startTimeout);

    /// <summary>Starts an Orleans client that connects straight to <paramref name="gateway"/>'s gateway port, bypassing the membership table.</summary>
    public Task<IClusterClient> ConnectClientToGatewayAsync(SiloProcess gateway, string clusterId, TimeSpan? responseTimeout = null, TimeSpan? startTimeout = null) =>
        StartClientAsync(client => client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gateway.GatewayPort)), responseTimeout, clusterId, null, startTimeout);

    private async Task<IClusterClient> StartClientAsync(Action<IClientBuilder> clustering, TimeSpan? responseTimeout, string? clusterId, string? serviceId, TimeSpan? startTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "cluster-tests" });
        builder.Logging.AddProvider(new CapturingLoggerProvider(_clientLog)).SetMinimumLevel(LogLevel.Information).AddFilter("Polly", LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            clustering(client);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterIdentity.OrleansClusterId(serviceId ?? ServiceId, clusterId ?? ClusterId);
                o.ServiceId = serviceId ?? ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout ?? TimeSpan.FromSeconds(30));
        });
        var host = builder.Build();
        try
        {
            using var timeout = new CancellationTokenSource(startTimeout ?? TimeSpan.FromSeconds(60));
            await host.StartAsync(timeout.Token);
        }
        catch
        {
            await StopAsync(host);
            throw;
        }

        lock (_clients) _clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The membership table's rows of <paramref name="clusterId"/> (default: this cluster).</summary>
    public async Task<IReadOnlyList<MembershipRow>> MembershipAsync(string? clusterId = null)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT silo_name, port, proxy_port, generation, status FROM orleans_membership WHERE cluster_id = $1 ORDER BY silo_name, generation");
        command.Parameters.AddWithValue(ClusterIdentity.OrleansClusterId(ServiceId, clusterId ?? ClusterId));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync()) rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        return rows;
    }

    /// <summary>The status of <paramref name="silo"/>'s row in the membership table, or null when it has none.</summary>
    public async Task<int?> StatusAsync(SiloProcess silo) =>
        (await MembershipAsync()).Where(r => r.Port == silo.SiloPort).OrderByDescending(r => r.Generation).Select(r => (int?)r.Status).FirstOrDefault();

    /// <summary>What the clients logged (Information and above).</summary>
    public string ClientLog => string.Join("\n", _clientLog);

    /// <summary>The last lines every silo and the clients printed, for failure messages.</summary>
    public string Diagnostics(int lines = 40) =>
        string.Join("\n", Silos.Select(s => $"--- {s.Name} (pid {s.ProcessId}, exited: {s.HasExited}) ---\n" +
                                            string.Join("\n", s.Output.Split('\n').TakeLast(lines))))
        + $"\n--- clients ---\n{string.Join("\n", _clientLog.TakeLast(lines))}";

    public async ValueTask DisposeAsync()
    {
        List<IHost> clients;
        lock (_clients) clients = [.. _clients];
        await Task.WhenAll(clients.Select(StopAsync));
        var logs = Path.Combine(AppContext.BaseDirectory, "silo-logs", ClusterId);
        foreach (var silo in Silos)
        {
            try
            {
                await silo.DisposeAsync();
                Directory.CreateDirectory(logs);
                await File.WriteAllTextAsync(Path.Combine(logs, $"{silo.Name}-{silo.ProcessId}.log"), silo.Output);
            }
            catch (Exception)
            {
                // Keep killing the others.
            }
        }

        try
        {
            Directory.CreateDirectory(logs);
            await File.WriteAllLinesAsync(Path.Combine(logs, $"clients-{Guid.NewGuid():N}.log"), _clientLog);
        }
        catch (IOException)
        {
        }

        await DataSource.DisposeAsync();
    }

    private static async Task StopAsync(IHost host)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // A client whose gateways are gone may not stop cleanly; nothing to keep.
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling every <paramref name="poll"/> (default 100 ms).</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, TimeSpan? poll = null)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"Not after {timeout.TotalSeconds:0} s: {describe()}");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
        }

        return waited.Elapsed;
    }
}

/// <summary>One row of orleans_membership (see postgres/Migrations/Sql/005_orleans_clustering.sql).</summary>
public sealed record MembershipRow(string SiloName, int Port, int ProxyPort, int Generation, int Status);

/// <summary>Keeps what an in-process client logs, one line per entry, for failure messages.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
