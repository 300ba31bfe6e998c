using System.Text.Json;
using Commerce.Cluster.TestGrains;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Orleans.Storage;
using Xunit;

namespace Commerce.Cluster.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class StaleActivationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_stale_activation_cannot_overwrite_newer_state_in_postgresql()
    {
        // Two activations of one grain, each unaware of the other, as during a membership change: here two
        // single-silo clusters of the same service on one database. The one whose state is older must fail to
        // write (the ETag, the row version in PostgreSQL), never overwrite, and its successor reads the newer state.
        const string service = "stale-tests";
        var database = await postgres.CreateDatabaseAsync("stale");
        var clusters = await ProcessCluster.StartTogetherAsync(
            () => ProcessCluster.StartAsync(database, silos: 1, serviceId: service),
            () => ProcessCluster.StartAsync(database, silos: 1, serviceId: service));
        await using var first = clusters[0];
        await using var second = clusters[1];
        var inFirst = (await first.ConnectClientAsync()).GetGrain<ICounterGrain>("contested");
        var inSecond = (await second.ConnectClientAsync()).GetGrain<ICounterGrain>("contested");

        (await inFirst.IncrementAsync()).Should().Be(1);
        (await inSecond.GetAsync()).Should().Be(1, "the second activation loaded what the first stored");
        (await inSecond.IncrementAsync()).Should().Be(2);
        (await inFirst.ProcessIdAsync()).Should().Be(first.Silos[0].ProcessId);
        (await inSecond.ProcessIdAsync()).Should().Be(second.Silos[0].ProcessId, "two activations of the grain exist at once, one in each cluster");

        var staleWrite = () => inFirst.IncrementAsync();

        await staleWrite.Should().ThrowAsync<InconsistentStateException>("the first activation's ETag is stale");
        (await StoredCounterAsync(first, service)).Should().Be(2, "the stale write changed nothing in PostgreSQL");
        (await inFirst.GetAsync()).Should().Be(2, "Orleans dropped the stale activation and its successor read the newer state");
        (await inFirst.IncrementAsync()).Should().Be(3);
        (await StoredCounterAsync(first, service)).Should().Be(3);
    }

    /// <summary>The counter's value as stored (JSON) in orleans_grain_state; the database holds this one counter only.</summary>
    private static async Task<long> StoredCounterAsync(ProcessCluster cluster, string service)
    {
        await using var command = cluster.DataSource.CreateCommand(
            "SELECT payload FROM orleans_grain_state WHERE service_id = $1 AND grain_type = 'counter' AND payload IS NOT NULL");
        command.Parameters.AddWithValue(service);
        var payloads = new List<byte[]>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) payloads.Add((byte[])reader[0]);
        payloads.Should().ContainSingle();
        using var state = JsonDocument.Parse(payloads[0]);
        return state.RootElement.GetProperty("value").GetInt64();
    }
}
