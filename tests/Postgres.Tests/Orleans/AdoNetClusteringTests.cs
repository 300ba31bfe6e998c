using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Commerce.Postgres.Tests.Orleans;

/// <summary>Silos form a cluster through Orleans' ADO.NET clustering on the migrated schema.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class AdoNetClusteringTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_silos_join_through_the_membership_table_and_see_each_other_active()
    {
        await using var cluster = await PostgresCluster.CreateAsync(postgres, "clustering");

        var first = await cluster.StartSiloAsync("silo-a");
        var second = await cluster.StartSiloAsync("silo-b");

        var rows = await Eventually.ReturnsAsync(
            () => MembershipRowsAsync(cluster),
            r => r.Count == 2 && r.All(m => m.Status == (int)SiloStatus.Active),
            Patience, "both silos Active in orleans_membership");
        rows.Select(r => r.SiloName).Should().BeEquivalentTo("silo-a", "silo-b");
        rows.Should().OnlyContain(r => r.ProxyPort > 0);

        foreach (var silo in new[] { first, second })
        {
            var hosts = await Eventually.ReturnsAsync(
                () => silo.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true),
                h => h.Count == 2,
                Patience, "the management grain to list both silos");
            hosts.Values.Should().OnlyContain(status => status == SiloStatus.Active);
        }
        cluster.Log.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_client_finds_the_silos_through_the_gateway_list_and_calls_grains()
    {
        await using var cluster = await PostgresCluster.CreateAsync(postgres, "clustering");
        await cluster.StartSiloAsync("silo-a");
        await cluster.StartSiloAsync("silo-b");

        var client = await cluster.StartClientAsync();

        var gateways = await client.Services.GetRequiredService<IGatewayListProvider>().GetGateways();
        gateways.Should().HaveCount(2);
        var rows = await MembershipRowsAsync(cluster);
        gateways.Select(g => g.Port).Should().BeEquivalentTo(rows.Select(r => r.ProxyPort));

        var counter = client.Grains().GetGrain<ICounterGrain>("client-call");
        (await counter.Increment()).Should().Be(1);
        var hosts = await client.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        hosts.Should().HaveCount(2);
        cluster.Log.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_stopped_silo_is_marked_dead_and_leaves_the_gateway_list()
    {
        await using var cluster = await PostgresCluster.CreateAsync(postgres, "clustering");
        await cluster.StartSiloAsync("silo-a");
        var leaving = await cluster.StartSiloAsync("silo-b");
        var client = await cluster.StartClientAsync();

        await leaving.StopAsync();

        var rows = await MembershipRowsAsync(cluster);
        rows.Single(r => r.SiloName == "silo-b").Status.Should().Be((int)SiloStatus.Dead);
        rows.Single(r => r.SiloName == "silo-a").Status.Should().Be((int)SiloStatus.Active);
        var gateways = await client.Services.GetRequiredService<IGatewayListProvider>().GetGateways();
        gateways.Select(g => g.Port).Should().Equal(rows.Single(r => r.SiloName == "silo-a").ProxyPort);
    }

    private sealed record MembershipRow(string SiloName, int Status, int ProxyPort);

    private static async Task<List<MembershipRow>> MembershipRowsAsync(PostgresCluster cluster)
    {
        await using var command = cluster.DataSource.CreateCommand(
            "SELECT silo_name, status, proxy_port FROM orleans_membership WHERE cluster_id = $1 ORDER BY silo_name");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = cluster.ClusterId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync()) rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        return rows;
    }
}
