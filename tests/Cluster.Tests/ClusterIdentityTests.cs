using Commerce.Cluster.TestGrains;
using Commerce.Silo;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Commerce.Cluster.Tests;

/// <summary>
/// Silos and clients whose ClusterId or ServiceId differ from the cluster's are strangers: Orleans is given both
/// together as its cluster id (<see cref="ClusterIdentity"/>), which selects the rows of the membership table a silo
/// or client sees, and which every connection's handshake (silo to silo, client to gateway) carries and refuses on a
/// mismatch. Orleans alone checks no service id.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ClusterIdentityTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_client_with_another_cluster_id_finds_no_gateway_and_is_refused_by_the_gateway_handshake()
    {
        // Orleans 10.4.2 does not fail such a client's start: it keeps retrying until the host's start is cancelled.
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 1);
        var silo = cluster.Silos[0];

        // Through the membership table, as the API connects: the rows of another cluster id list no gateway.
        // Straight to the silo's gateway port: each side of the connection refuses the other's preamble.
        var throughTheTable = () => cluster.ConnectClientAsync(clusterId: "another-cluster", startTimeout: TimeSpan.FromSeconds(6));
        var straightToTheGateway = () => cluster.ConnectClientToGatewayAsync(silo, "another-cluster", startTimeout: TimeSpan.FromSeconds(6));

        await Task.WhenAll(
            throughTheTable.Should().ThrowAsync<OperationCanceledException>("the client never connects"),
            straightToTheGateway.Should().ThrowAsync<OperationCanceledException>("the client never connects"));
        cluster.ClientLog.Should().Contain("Could not find any gateway");
        var (ours, theirs) = (ClusterIdentity.OrleansClusterId(cluster.ServiceId, cluster.ClusterId), ClusterIdentity.OrleansClusterId(cluster.ServiceId, "another-cluster"));
        cluster.ClientLog.Should().Contain($"Unexpected cluster id \"{ours}\", expected \"{theirs}\"");
        silo.Output.Should().Contain($"Unexpected cluster id \"{theirs}\", expected \"{ours}\"");

        // The silo itself is unharmed and serves its own clients.
        silo.HasExited.Should().BeFalse();
        (await (await cluster.ConnectClientAsync()).GetGrain<IPingGrain>(1).PingAsync(1)).Should().Be(2);
        output.WriteLine(string.Join("\n", cluster.ClientLog.Split('\n').Where(l => l.Contains("gateway") || l.Contains("cluster id")).Distinct().Take(6)));
    }

    [Fact]
    public async Task A_silo_with_another_cluster_id_on_the_same_database_forms_a_cluster_of_its_own()
    {
        var database = await postgres.CreateDatabaseAsync("strangers");
        var clusters = await ProcessCluster.StartTogetherAsync(
            () => ProcessCluster.StartAsync(database, silos: 1),
            () => ProcessCluster.StartAsync(database, silos: 1));
        await using var cluster = clusters[0];
        await using var stranger = clusters[1];
        var clusterSilos = cluster.Silos.Select(s => s.ProcessId).ToArray();

        (await cluster.MembershipAsync()).Should().OnlyContain(row => cluster.Silos.Any(s => s.SiloPort == row.Port), "the stranger did not join");
        (await stranger.MembershipAsync()).Should().ContainSingle().Which.Port.Should().Be(stranger.Silos[0].SiloPort, "the stranger sees none of the cluster's silos");
        var client = await cluster.ConnectClientAsync();
        var hosts = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetGrain<IPingGrain>(i).ProcessIdAsync()));
        hosts.Should().OnlyContain(pid => clusterSilos.Contains(pid), "no grain of the cluster is placed on the stranger");
        var strangersClient = await stranger.ConnectClientAsync();
        var strangersHosts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => strangersClient.GetGrain<IPingGrain>(i).ProcessIdAsync()));
        strangersHosts.Should().OnlyContain(pid => pid == stranger.Silos[0].ProcessId, "the stranger's client reaches only the stranger");
        cluster.Silos.Concat(stranger.Silos).Should().OnlyContain(s => !s.Output.Contains("Unexpected cluster id"), "no silo even tried to connect to the other cluster");
    }

    [Fact]
    public async Task A_silo_with_the_cluster_id_but_another_service_id_is_a_stranger_that_serves_none_of_the_clusters_grains()
    {
        // Orleans alone would admit it (it compares cluster ids only), and its share of the grains would read and
        // write state under the wrong service id; with the service id in Orleans' cluster id it stays outside.
        var database = await postgres.CreateDatabaseAsync("services");
        var clusterId = $"services-{Guid.NewGuid():N}"[..20];
        var clusters = await ProcessCluster.StartTogetherAsync(
            () => ProcessCluster.StartAsync(database, silos: 1, clusterId: clusterId),
            () => ProcessCluster.StartAsync(database, silos: 1, clusterId: clusterId, serviceId: "another-service"));
        await using var cluster = clusters[0];
        await using var misconfigured = clusters[1];
        var (right, wrong) = (cluster.Silos[0], misconfigured.Silos[0]);

        (await cluster.MembershipAsync()).Select(r => r.Port).Should().Equal([right.SiloPort], "the silo of another service did not join");
        (await misconfigured.MembershipAsync()).Select(r => r.Port).Should().Equal([wrong.SiloPort], "it sees none of the cluster's silos");
        var client = await cluster.ConnectClientAsync();
        var hosts = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetGrain<ICounterGrain>($"service-{i}").ProcessIdAsync()));
        hosts.Should().OnlyContain(pid => pid == right.ProcessId, "no grain of the cluster is placed on the other service's silo");

        foreach (var key in Enumerable.Range(0, 6)) (await client.GetGrain<ICounterGrain>($"service-{key}").IncrementAsync()).Should().Be(1);
        (await StoredServicesAsync(cluster)).Should().BeEquivalentTo(
            new Dictionary<string, int> { [cluster.ServiceId] = 6 }, "every state is stored under the cluster's own service id");
    }

    /// <summary>How many counter states orleans_grain_state holds per service id.</summary>
    private static async Task<Dictionary<string, int>> StoredServicesAsync(ProcessCluster cluster)
    {
        await using var command = cluster.DataSource.CreateCommand(
            "SELECT service_id, count(*)::int FROM orleans_grain_state WHERE grain_type = 'counter' AND payload IS NOT NULL GROUP BY service_id");
        await using var reader = await command.ExecuteReaderAsync();
        var services = new Dictionary<string, int>();
        while (await reader.ReadAsync()) services[reader.GetString(0)] = reader.GetInt32(1);
        return services;
    }
}
