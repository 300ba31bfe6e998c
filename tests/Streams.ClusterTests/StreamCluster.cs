using System.Text.RegularExpressions;
using Commerce.Runtime.Client;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Postgres;
using Commerce.Streams.TestGrains;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Streams.ClusterTests;

/// <summary>Silo processes with durable PostgreSQL streams on a fresh database, and a client that produces.</summary>
internal sealed partial class StreamCluster : IAsyncDisposable
{
    private const string Secret = "streams-cluster-tests-secret-0123";

    /// <summary>Fast failure detection and polling keep the tests short.</summary>
    private static readonly string[] SiloArguments =
    [
        "--Membership:ProbePeriod=00:00:00.500", "--Membership:ProbeTimeout=00:00:00.500", "--Membership:TableRefreshPeriod=00:00:00.500",
        "--Streams:PollInterval=00:00:00.010", "--Streams:RetryBackoff=00:00:00.020", "--Streams:MaxRetryBackoff=00:00:00.500",
    ];

    private readonly List<SiloProcess> _silos = [];
    private ClusterClient? _client;

    private StreamCluster(string clusterId, string connectionString)
    {
        ClusterId = clusterId;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ClusterId { get; }

    public NpgsqlDataSource DataSource { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public ClusterClient Client => _client ?? throw new InvalidOperationException("Not connected.");

    public static async Task<StreamCluster> StartAsync(PostgresFixture postgres, int silos)
    {
        var clusterId = $"s{Guid.NewGuid():N}"[..12];
        var connectionString = await postgres.CreateDatabaseAsync(clusterId);
        var cluster = new StreamCluster(clusterId, connectionString);
        try
        {
            // The first silo migrates the schema alone; the others then start together.
            cluster._silos.Add(await cluster.StartSiloAsync(connectionString, 1));
            cluster._silos.AddRange(await Task.WhenAll(Enumerable.Range(2, silos - 1).Select(i => cluster.StartSiloAsync(connectionString, i))));
            cluster._client = await ClusterClient.ConnectAsync(
                new ClusterClientOptions { ClusterId = clusterId, ClusterSecret = Secret, TableRefreshPeriod = TimeSpan.FromMilliseconds(500) },
                new PostgresMembershipTable(cluster.DataSource, clusterId),
                new MessagingOptions { ResponseTimeout = TimeSpan.FromSeconds(10) });
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The partitions whose agents run in <paramref name="silo"/>, from its log of started and stopped agents.</summary>
    public static HashSet<int> AgentPartitionsOf(SiloProcess silo)
    {
        var owned = new HashSet<int>();
        foreach (Match match in AgentLog().Matches(silo.Output))
        {
            foreach (var p in Parse(match.Groups["started"].Value)) owned.Add(p);
            foreach (var p in Parse(match.Groups["stopped"].Value)) owned.Remove(p);
        }

        return owned;

        static IEnumerable<int> Parse(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    private Task<SiloProcess> StartSiloAsync(string connectionString, int index) =>
        SiloProcess.StartAsync($"silo{index}", ClusterId, connectionString, Secret, typeof(LedgerGrain).Assembly.Location, extraArguments: SiloArguments);

    [GeneratedRegex(@"agents started for partitions \[(?<started>[0-9,]*)\], stopped for \[(?<stopped>[0-9,]*)\]")]
    private static partial Regex AgentLog();
}
