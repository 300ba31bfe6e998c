using System.Diagnostics;
using System.Diagnostics.Metrics;
using Commerce.Runtime.Postgres.Streams;
using Commerce.Runtime.Streams.Tests.Grains;
using Commerce.Runtime.Testing;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Commerce.Runtime.Streams.Tests.StreamLogDatabase;

namespace Commerce.Runtime.Streams.Tests;

/// <summary>
/// Idle agents of the durable provider wait for the PostgreSQL notification of an append instead of
/// polling: woken at once, no event lost when the listening connection drops, and an idle silo
/// barely reads the log.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class StreamNotificationTests(PostgresFixture postgres)
{
    private const string ListenerFilter = PostgresStreamsSiloBuilderExtensions.ListenerApplicationName + "%";

    /// <summary>Long enough that a test delivering within seconds proves a notification woke the agent.</summary>
    private static readonly TimeSpan s_noFallback = TimeSpan.FromMinutes(1);

    private static Task<TestCluster> StartAsync(string connectionString, Action<PostgresStreamProviderOptions>? configure = null, WarningCapture? warnings = null) =>
        TestCluster.StartAsync(
            silo => silo.UsePostgresStreams(connectionString, o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(10);
                o.RetryBackoff = TimeSpan.FromMilliseconds(10);
                o.MaxRetryBackoff = TimeSpan.FromMilliseconds(50);
                configure?.Invoke(o);
            }),
            services =>
            {
                if (warnings is not null) services.AddSingleton<ILoggerProvider>(warnings);
            });

    [Fact]
    public async Task An_append_notifies_its_partition_once_it_is_committed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource);
        var stream = new StreamId("behaviour", "notified");
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
    public async Task An_idle_agent_is_woken_by_the_append_not_by_its_fallback_poll()
    {
        var connectionString = await CreateAsync(postgres);
        await using var cluster = await StartAsync(connectionString, o => o.IdlePollInterval = s_noFallback);
        // Let every agent read its empty partition and go idle.
        await Task.Delay(500);
        var started = Stopwatch.StartNew();

        await cluster.Services.GetStreamProvider(StreamProviderNames.Durable).GetStream<Click>(StreamId.Create(TestStreams.Clicks, "woken")).OnNextAsync(new Click("woken", 1));

        var numbers = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("woken").GetNumbersAsync(), n => n.Count >= 1, TimeSpan.FromSeconds(5));
        numbers.Should().Equal([1]);
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the append's notification wakes the agent; its fallback poll is a minute away");
    }

    [Fact]
    public async Task No_event_is_lost_when_the_listening_connection_is_killed()
    {
        var connectionString = await CreateAsync(postgres);
        await using var admin = NpgsqlDataSource.Create(connectionString);
        var warnings = new WarningCapture();
        await using var cluster = await StartAsync(connectionString, o => o.IdlePollInterval = s_noFallback, warnings);
        var provider = cluster.Services.GetStreamProvider(StreamProviderNames.Durable);
        var users = Enumerable.Range(0, 8).Select(i => $"listener-lost-{i}").ToArray();
        (await Eventually.GetAsync(() => CountListenersAsync(admin), n => n == 1)).Should().Be(1, "one silo, one provider: one listening connection");

        (await TerminateListenersAsync(admin)).Should().Be(1);
        // Produced while the listener is down or reconnecting: no one hears of these appends.
        await Task.WhenAll(users.Select(async user =>
        {
            for (var n = 0; n < 5; n++) await provider.GetStream<Click>(StreamId.Create(TestStreams.Clicks, user)).OnNextAsync(new Click(user, n));
        }));
        foreach (var user in users)
        {
            var numbers = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>(user).GetNumbersAsync(), n => n.Count >= 5, TimeSpan.FromSeconds(10));
            numbers.Should().Equal(Enumerable.Range(0, 5), "the reconnected listener wakes every agent, long before the fallback poll");
        }

        (await Eventually.GetAsync(() => CountListenersAsync(admin), n => n == 1)).Should().Be(1, "the listener reconnected");
        warnings.Warnings.Should().Contain(w => w.Contains("lost its connection listening for appends"));
        await Task.Delay(200);
        var started = Stopwatch.StartNew();
        await provider.GetStream<Click>(StreamId.Create(TestStreams.Clicks, users[0])).OnNextAsync(new Click(users[0], 5));
        var after = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>(users[0]).GetNumbersAsync(), n => n.Count >= 6, TimeSpan.FromSeconds(5));
        after.Should().Equal(Enumerable.Range(0, 6));
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "notifications wake agents again after the reconnect");
    }

    [Fact]
    public async Task The_listening_connection_survives_its_keep_alive_checks()
    {
        var connectionString = await CreateAsync(postgres);
        await using var admin = NpgsqlDataSource.Create(connectionString);
        await using var cluster = await StartAsync(connectionString, o =>
        {
            o.IdlePollInterval = s_noFallback;
            o.ListenerKeepAlive = TimeSpan.FromMilliseconds(100);
        });
        var before = await Eventually.GetAsync(() => ListenerPidsAsync(admin), pids => pids.Count == 1);

        await Task.Delay(600);

        (await ListenerPidsAsync(admin)).Should().Equal(before, "a keep-alive check that succeeds keeps the connection");
        var started = Stopwatch.StartNew();
        await cluster.Services.GetStreamProvider(StreamProviderNames.Durable).GetStream<Click>(StreamId.Create(TestStreams.Clicks, "kept-alive")).OnNextAsync(new Click("kept-alive", 1));
        (await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("kept-alive").GetNumbersAsync(), n => n.Count >= 1, TimeSpan.FromSeconds(5))).Should().Equal([1]);
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "notifications still arrive between keep-alive checks");
    }

    [Fact]
    public async Task An_idle_provider_reads_the_log_about_once_a_second_per_partition()
    {
        var connectionString = await CreateAsync(postgres);
        await using var cluster = await StartAsync(connectionString, o => o.IdlePollInterval = TimeSpan.FromSeconds(1));
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

        // 8 agents, each reading once a second (plus one read for a start-up or late wake-up); polling
        // every 10 ms would be 2,400.
        Interlocked.Read(ref reads).Should().BeInRange(8, 8 * 4, "idle agents read once per IdlePollInterval, and the counter sees their reads");
    }

    [Fact]
    public void The_idle_poll_interval_must_be_positive_and_at_least_the_poll_interval()
    {
        var options = new PostgresStreamProviderOptions { ConnectionString = "Host=localhost", IdlePollInterval = TimeSpan.Zero };
        options.Invoking(o => o.Validate()).Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(PostgresStreamProviderOptions.IdlePollInterval));

        options.IdlePollInterval = options.PollInterval / 2;
        options.Invoking(o => o.Validate()).Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(PostgresStreamProviderOptions.IdlePollInterval));

        options.IdlePollInterval = options.PollInterval;
        options.Invoking(o => o.Validate()).Should().NotThrow();
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
