using System.Diagnostics;
using System.Diagnostics.Metrics;
using Commerce.Postgres.Streams.Tests.Grains;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;
using Orleans.Runtime;
using static Commerce.Postgres.Streams.Tests.StreamLogDatabase;

namespace Commerce.Postgres.Streams.Tests;

/// <summary>
/// Receivers of idle partitions answer Orleans' frequent polls from memory and read when PostgreSQL
/// announces an append: woken at once, no event lost when the listening connection drops, and an
/// idle silo barely reads the log.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class StreamNotificationTests(PostgresFixture postgres)
{
    private const string ListenerFilter = PostgresStreamsHostingExtensions.ListenerApplicationName + "%";

    /// <summary>Long enough that a test delivering within seconds proves an announcement woke the receiver.</summary>
    private static readonly TimeSpan s_noFallback = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan s_prompt = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task An_append_notifies_its_partition_once_it_is_committed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource);
        var stream = StreamId.Create("behaviour", "notified");
        var notifications = new List<string>();
        await using var listener = await dataSource.OpenConnectionAsync();
        listener.Notification += (_, e) =>
        {
            lock (notifications) notifications.Add($"{e.Channel}/{e.Payload}");
        };
        await using (var listen = new NpgsqlCommand("""LISTEN "stream_events.public" """, listener)) await listen.ExecuteNonQueryAsync();

        await log.AppendAsync(stream, [new StreamEventData("item-viewed", Json("{}")), new StreamEventData("item-viewed", Json("{}"))]);
        await listener.WaitAsync(TimeSpan.FromSeconds(5));
        await listener.WaitAsync(TimeSpan.FromMilliseconds(200));

        notifications.Should().Equal([$"stream_events.public/{log.GetPartition(stream)}"], "one notification per partition of a flush, not one per event");
    }

    [Fact]
    public async Task An_idle_receiver_is_woken_by_the_append_not_by_its_fallback_read()
    {
        await using var cluster = await StreamCluster.StartAsync(await CreateAsync(postgres), configureOptions: o => o.IdleReadInterval = s_noFallback);
        // Let every receiver read its empty partition and go idle.
        await Task.Delay(500);
        var user = $"woken-{Guid.NewGuid():N}";
        var started = Stopwatch.StartNew();

        await cluster.Streams().GetStream<Click>(StreamId.Create(TestStreams.Clicks, user)).OnNextAsync(new Click(user, 1));

        (await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Count >= 1, TimeSpan.FromSeconds(10))).Select(d => d.Number).Should().Equal(1);
        started.Elapsed.Should().BeLessThan(s_prompt, "the append's notification wakes the receiver; its fallback read is a minute away");
    }

    [Fact]
    public async Task No_event_is_lost_when_the_listening_connection_is_killed()
    {
        var connectionString = await CreateAsync(postgres);
        await using var admin = NpgsqlDataSource.Create(connectionString);
        var warnings = new WarningCapture();
        await using var cluster = await StreamCluster.StartAsync(connectionString, configureOptions: o => o.IdleReadInterval = s_noFallback, logs: warnings);
        var users = Enumerable.Range(0, 8).Select(i => $"listener-lost-{Guid.NewGuid():N}-{i}").ToArray();
        (await Eventually.GetAsync(() => CountListenersAsync(admin), n => n == 1)).Should().Be(1, "one silo, one provider: one listening connection");

        (await TerminateListenersAsync(admin)).Should().Be(1);
        // Produced while the listener is down or reconnecting: no one hears of these appends.
        await Task.WhenAll(users.Select(async user =>
        {
            for (var n = 0; n < 5; n++) await cluster.Streams().GetStream<Click>(StreamId.Create(TestStreams.Clicks, user)).OnNextAsync(new Click(user, n));
        }));
        foreach (var user in users)
        {
            var deliveries = await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Count >= 5, TimeSpan.FromSeconds(10));
            deliveries.Select(d => d.Number).Should().Equal(Enumerable.Range(0, 5), "the reconnected listener wakes every receiver, long before the fallback read");
        }

        (await Eventually.GetAsync(() => CountListenersAsync(admin), n => n == 1)).Should().Be(1, "the listener reconnected");
        warnings.Warnings.Should().Contain(w => w.Contains("lost its connection listening for appends"));
        await Task.Delay(200);
        var started = Stopwatch.StartNew();
        await cluster.Streams().GetStream<Click>(StreamId.Create(TestStreams.Clicks, users[0])).OnNextAsync(new Click(users[0], 5));
        (await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(users[0])), d => d.Count >= 6, TimeSpan.FromSeconds(10))).Select(d => d.Number).Should().Equal(Enumerable.Range(0, 6));
        started.Elapsed.Should().BeLessThan(s_prompt, "notifications wake receivers again after the reconnect");
    }

    [Fact]
    public async Task The_listening_connection_survives_its_keep_alive_checks()
    {
        var connectionString = await CreateAsync(postgres);
        await using var admin = NpgsqlDataSource.Create(connectionString);
        await using var cluster = await StreamCluster.StartAsync(connectionString, configureOptions: o =>
        {
            o.IdleReadInterval = s_noFallback;
            o.ListenerKeepAlive = TimeSpan.FromMilliseconds(100);
        });
        var before = await Eventually.GetAsync(() => ListenerPidsAsync(admin), pids => pids.Count == 1);

        await Task.Delay(600);

        (await ListenerPidsAsync(admin)).Should().Equal(before, "a keep-alive check that succeeds keeps the connection");
        var user = $"kept-alive-{Guid.NewGuid():N}";
        var started = Stopwatch.StartNew();
        await cluster.Streams().GetStream<Click>(StreamId.Create(TestStreams.Clicks, user)).OnNextAsync(new Click(user, 1));
        (await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Count >= 1, TimeSpan.FromSeconds(10))).Select(d => d.Number).Should().Equal(1);
        started.Elapsed.Should().BeLessThan(s_prompt, "notifications still arrive between keep-alive checks");
    }

    [Fact]
    public async Task An_idle_silo_reads_each_partition_about_once_per_idle_read_interval()
    {
        await using var cluster = await StreamCluster.StartAsync(await CreateAsync(postgres), configureOptions: o => o.IdleReadInterval = TimeSpan.FromSeconds(1));
        await Task.Delay(500);
        long reads = 0;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StreamLogMetrics.MeterName && instrument.Name == "commerce.streams.reads") listener.EnableMeasurementEvents(instrument);
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref reads, value));
        meter.Start();

        await Task.Delay(TimeSpan.FromSeconds(3));
        meter.Dispose();

        // 8 receivers, each reading once a second; reading on every 10 ms poll would be 2,400.
        Interlocked.Read(ref reads).Should().BeInRange(8, 8 * 4, "idle receivers read once per IdleReadInterval, and the counter sees their reads");
    }

    private static async Task<long> CountListenersAsync(NpgsqlDataSource admin)
    {
        await using var command = admin.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ListenerFilter });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<int>> ListenerPidsAsync(NpgsqlDataSource admin)
    {
        await using var command = admin.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1 ORDER BY pid");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ListenerFilter });
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<int>();
        while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids;
    }

    private static async Task<long> TerminateListenersAsync(NpgsqlDataSource admin)
    {
        await using var command = admin.CreateCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ListenerFilter });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
