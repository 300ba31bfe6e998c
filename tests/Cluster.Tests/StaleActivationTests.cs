using Commerce.Cluster.TestGrains;
using Commerce.Runtime;
using Commerce.Runtime.Postgres;
using Commerce.Runtime.Testing;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Commerce.Cluster.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class StaleActivationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_stale_duplicate_activation_cannot_overwrite_newer_state_in_postgresql()
    {
        // Two silos that (for a moment, during a membership change) both activated the same grain:
        // the one whose state is older must fail to write, never overwrite, and reload afterwards.
        var connectionString = await postgres.CreateDatabaseAsync("stale");
        await using (var migrations = NpgsqlDataSource.Create(connectionString)) await new SchemaMigrator(migrations).MigrateAsync();
        void UsePostgres(IServiceCollection services) => services.AddPostgresGrainStorageAsDefault(o => o.ConnectionString = connectionString);
        await using var siloA = await TestCluster.StartAsync(configureServices: UsePostgres);
        await using var siloB = await TestCluster.StartAsync(configureServices: UsePostgres);
        var inA = siloA.GrainFactory.GetGrain<ICounterGrain>("contested");
        var inB = siloB.GrainFactory.GetGrain<ICounterGrain>("contested");
        (await inA.IncrementAsync()).Should().Be(1);
        (await inB.GetAsync()).Should().Be(1);
        (await inB.IncrementAsync()).Should().Be(2);

        var staleWrite = () => inA.IncrementAsync();

        await staleWrite.Should().ThrowAsync<InconsistentStateException>();
        await WaitUntilAsync(() => !siloA.IsActive(inA.GetGrainId()));
        (await inA.IncrementAsync()).Should().Be(3, "the stale activation was dropped and its successor read the newer state");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        condition().Should().BeTrue();
    }
}
