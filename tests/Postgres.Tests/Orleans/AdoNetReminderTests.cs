using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;

namespace Commerce.Postgres.Tests.Orleans;

/// <summary>Reminders in Orleans' ADO.NET reminder table on the migrated schema, in a real silo.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class AdoNetReminderTests(PostgresFixture postgres) : IAsyncLifetime
{
    private PostgresCluster _cluster = null!;
    private IHost _silo = null!;

    private IReminderTable Table => _silo.Services.GetRequiredService<IReminderTable>();

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.CreateAsync(postgres, "reminders");
        _silo = await _cluster.StartSiloAsync("silo");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_registered_reminder_is_stored_in_the_reminder_table_and_fires()
    {
        var probe = _silo.Grains().GetGrain<IReminderProbeGrain>("fires");

        await probe.Start(TimeSpan.FromSeconds(1));

        var rows = await ReminderRowsAsync("fires");
        rows.Should().ContainSingle().Which.Should().Be((ReminderProbeGrain.ReminderName, 1000L));
        await Eventually.ReturnsAsync(probe.Ticks, ticks => ticks >= 2, TimeSpan.FromSeconds(60), "two reminder ticks");
        _cluster.Log.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unregistered_reminder_leaves_the_table_and_stops_firing()
    {
        var probe = _silo.Grains().GetGrain<IReminderProbeGrain>("stops");
        await probe.Start(TimeSpan.FromSeconds(1));
        await Eventually.ReturnsAsync(probe.Ticks, ticks => ticks >= 1, TimeSpan.FromSeconds(60), "a reminder tick");

        await probe.Stop();

        (await ReminderRowsAsync("stops")).Should().BeEmpty();
        var ticks = await probe.Ticks();
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await probe.Ticks()).Should().BeLessThanOrEqualTo(ticks + 1, "a tick already under way may still land");
    }

    [Fact]
    public async Task Upserting_bumps_the_etag_and_a_delete_with_a_stale_etag_is_refused()
    {
        var grainId = GrainId.Create("reminder-probe", "etag");
        var entry = new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = "daily",
            StartAt = DateTime.UtcNow.AddDays(1),
            Period = TimeSpan.FromDays(1),
        };

        var firstEtag = await Table.UpsertRow(entry);
        var secondEtag = await Table.UpsertRow(entry);

        secondEtag.Should().NotBe(firstEtag);
        (await Table.RemoveRow(grainId, "daily", firstEtag!)).Should().BeFalse();
        var stored = await Table.ReadRow(grainId, "daily");
        stored.Should().NotBeNull();
        stored!.ETag.Should().Be(secondEtag);
        stored.Period.Should().Be(TimeSpan.FromDays(1));
        stored.StartAt.Should().BeCloseTo(entry.StartAt, TimeSpan.FromMilliseconds(1));
        (await Table.RemoveRow(grainId, "daily", secondEtag!)).Should().BeTrue();
        (await Table.ReadRow(grainId, "daily")).Should().BeNull();
    }

    [Fact]
    public async Task Periods_longer_than_an_int_of_milliseconds_are_kept()
    {
        var grainId = GrainId.Create("reminder-probe", "long-period");
        var period = TimeSpan.FromDays(60);

        await Table.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "rare", StartAt = DateTime.UtcNow.AddDays(1), Period = period });

        (await Table.ReadRow(grainId, "rare"))!.Period.Should().Be(period);
    }

    [Fact]
    public async Task Reading_by_grain_returns_all_of_its_reminders()
    {
        var grainId = GrainId.Create("reminder-probe", "several");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Table.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = name, StartAt = DateTime.UtcNow.AddDays(1), Period = TimeSpan.FromDays(1) });
        }

        var data = await Table.ReadRows(grainId);

        data.Reminders.Select(r => r.ReminderName).Should().BeEquivalentTo("a", "b", "c");
        data.Reminders.Should().OnlyContain(r => r.GrainId == grainId);
    }

    [Theory]
    [InlineData(0x4000_0000u, 0xC000_0000u)] // plain in unsigned order, wraps in signed order
    [InlineData(0xC000_0000u, 0x4000_0000u)] // wraps in unsigned order
    [InlineData(0x1000_0000u, 0x2000_0000u)] // plain in both
    [InlineData(0xE000_0000u, 0xF000_0000u)] // plain in both, negative when signed
    [InlineData(0x1234_5678u, 0x1234_5678u)] // the whole ring
    public async Task A_ring_range_reads_exactly_the_reminders_whose_grain_hash_it_holds(uint begin, uint end)
    {
        var grains = Enumerable.Range(0, 64).Select(i => GrainId.Create("reminder-probe", $"ring-{begin:x}-{end:x}-{i}")).ToList();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "ring", StartAt = DateTime.UtcNow.AddDays(1), Period = TimeSpan.FromDays(1) });
        }

        var data = await Table.ReadRows(begin, end);

        var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).ToList();
        data.Reminders.Where(r => r.ReminderName == "ring" && grains.Contains(r.GrainId)).Select(r => r.GrainId)
            .Should().BeEquivalentTo(expected);
    }

    /// <summary>Orleans' ring range (begin, end], wrapping past the largest hash; begin = end is the whole ring.</summary>
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private async Task<List<(string Name, long PeriodMs)>> ReminderRowsAsync(string grainKey)
    {
        await using var command = _cluster.DataSource.CreateCommand(
            "SELECT reminder_name, period_ms FROM orleans_reminders WHERE service_id = $1 AND grain_id LIKE '%/' || $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _cluster.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainKey });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }
}
