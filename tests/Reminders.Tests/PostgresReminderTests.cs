using Commerce.Runtime.Postgres;
using Commerce.Runtime.Reminders.Tests.Grains;
using Commerce.Runtime.Reminders.Tests.Support;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace Commerce.Runtime.Reminders.Tests;

/// <summary>Reminders of a silo configured with <c>UsePostgresReminders</c>.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresReminderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_reminder_kept_in_PostgreSQL_survives_a_silo_restart()
    {
        var connectionString = await MigratedDatabaseAsync();
        var beforeRestart = new ReminderLog();
        await using (var first = await ReminderClusters.StartAsync(beforeRestart, silo => silo.UsePostgresReminders(connectionString)))
        {
            await first.GrainFactory.GetGrain<IReminderTestGrain>("durable").RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
            await beforeRestart.WaitForTicksAsync("durable", "poll", 1);
        }

        var afterRestart = new ReminderLog();
        await using var second = await ReminderClusters.StartAsync(afterRestart, silo => silo.UsePostgresReminders(connectionString));

        var ticks = await afterRestart.WaitForTicksAsync("durable", "poll", 2);
        ticks[0].Status.Period.Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Registrations_are_in_the_table_when_acknowledged_under_the_clusters_service_id()
    {
        var connectionString = await MigratedDatabaseAsync();
        await using var cluster = await ReminderClusters.StartAsync(new ReminderLog(), silo => silo.UsePostgresReminders(connectionString));
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("acknowledged");

        var firstTick = await grain.RegisterAsync("expire", TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var stored = await new PostgresReminderTable(dataSource, "dev").ReadRowAsync(grain.GetGrainId(), "expire");
        stored.Should().NotBeNull("the default service id is the silo's cluster id, dev");
        stored!.StartAt.Should().Be(firstTick);
        stored.Period.Should().Be(TimeSpan.FromHours(1));

        (await grain.UnregisterAsync("expire")).Should().BeTrue();
        (await new PostgresReminderTable(dataSource, "dev").ReadRowAsync(grain.GetGrainId(), "expire")).Should().BeNull();
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("reminders");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        return connectionString;
    }
}
