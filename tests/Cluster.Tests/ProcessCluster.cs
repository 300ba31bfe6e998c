using Commerce.Runtime.Client;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Postgres;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Cluster.Tests;

/// <summary>Silo processes of one cluster on a fresh database, and a client to call them.</summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string Secret = "cluster-tests-secret-0123456789";

    private readonly List<SiloProcess> _silos = [];
    private readonly List<ClusterClient> _clients = [];

    private ProcessCluster(string clusterId, string connectionString)
    {
        ClusterId = clusterId;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ClusterId { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Faster failure detection than production (which detects within about 4 s) keeps the tests short.</summary>
    public static readonly string[] FastFailureDetection =
        ["--Membership:ProbePeriod=00:00:00.500", "--Membership:ProbeTimeout=00:00:00.500", "--Membership:TableRefreshPeriod=00:00:00.500"];

    public static async Task<ProcessCluster> StartAsync(PostgresFixture postgres, int silos, params string[] siloArguments)
    {
        var clusterId = $"c{Guid.NewGuid():N}"[..12];
        var cluster = new ProcessCluster(clusterId, await postgres.CreateDatabaseAsync(clusterId));
        try
        {
            // The first silo migrates the schema alone; the others then start together.
            await cluster.AddSiloAsync(siloArguments);
            await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => cluster.AddSiloAsync(siloArguments)));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<SiloProcess> AddSiloAsync(params string[] arguments)
    {
        string name;
        lock (_silos) name = $"silo{_silos.Count + 1}";
        var silo = await SiloProcess.StartAsync(name, ClusterId, ConnectionString, Secret, typeof(TestGrains.ICounterGrain).Assembly.Location, extraArguments: arguments);
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    public async Task<ClusterClient> ConnectClientAsync(TimeSpan? responseTimeout = null, string secret = Secret)
    {
        var client = await ClusterClient.ConnectAsync(
            new ClusterClientOptions { ClusterId = ClusterId, ClusterSecret = secret, TableRefreshPeriod = TimeSpan.FromMilliseconds(500) },
            new PostgresMembershipTable(DataSource, ClusterId),
            new MessagingOptions { ResponseTimeout = responseTimeout ?? TimeSpan.FromSeconds(10) });
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
