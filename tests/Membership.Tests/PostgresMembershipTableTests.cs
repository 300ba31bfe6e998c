using System.Diagnostics;
using Commerce.Runtime.Postgres;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>The table contract over PostgreSQL, plus what only a database brings: notifications across instances and dropped connections.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresMembershipTableTests(PostgresFixture postgres, ITestOutputHelper output) : MembershipTableContractTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource _dataSource = null!;
    private readonly List<IAsyncDisposable> _disposables = [];

    public override async Task InitializeAsync() => _dataSource = await PostgresMembershipDatabase.OpenAsync(postgres);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var disposable in Enumerable.Reverse(_disposables)) await disposable.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    protected override Func<IMembershipTable> CreateTables()
    {
        var clusterId = PostgresMembershipDatabase.NewClusterId();
        return () => new PostgresMembershipTable(_dataSource, clusterId, PostgresMembershipDatabase.TestOptions);
    }

    [Fact]
    public void The_notification_channel_is_a_safe_identifier_whatever_the_cluster_id()
    {
        var channels = new[] { "dev", "prod-eu", "Robert'); DROP TABLE membership;--", "\"quoted\"", new string('x', 500) }
            .Select(PostgresMembershipTable.ChannelFor).ToList();

        channels.Should().OnlyHaveUniqueItems();
        channels.Should().AllSatisfy(c => c.Should().MatchRegex("^membership_[0-9a-f]{32}$"));
    }

    [Fact]
    public async Task The_compare_and_swap_refuses_a_write_based_on_a_stale_version_even_with_the_current_etag()
    {
        var table = Track(NewPostgresTable(PostgresMembershipDatabase.NewClusterId()));
        await table.InsertRowAsync(Entry(1), 0);
        var read = await table.ReadAllAsync();
        await table.InsertRowAsync(Entry(2), read.Version); // another silo's write moves the version on
        var row = read.Find(Entry(1).Address)!;

        var written = await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, read.Version);

        written.Should().BeFalse();
        var current = await table.ReadAllAsync();
        current.Find(row.Address)!.Status.Should().Be(SiloStatus.Joining);
        current.Find(row.Address)!.ETag.Should().Be(row.ETag, "the row's etag alone still matched, and still nothing was written");
    }

    [Fact]
    public async Task Clusters_sharing_a_database_see_only_their_own_rows()
    {
        var first = Track(NewPostgresTable(PostgresMembershipDatabase.NewClusterId()));
        var second = Track(NewPostgresTable(PostgresMembershipDatabase.NewClusterId()));

        await first.InsertRowAsync(Entry(1), 0);
        (await second.InsertRowAsync(Entry(1), 0)).Should().BeTrue("the same identity in another cluster is another row");

        (await first.ReadAllAsync()).Rows.Should().ContainSingle();
        (await second.ReadAllAsync()).Version.Should().Be(1);
    }

    [Fact]
    public async Task A_notification_shows_a_change_to_a_second_silo_well_before_its_refresh_period()
    {
        // The periodic refresh is a minute: only NOTIFY can make the second silo see the first in time.
        var clusterId = PostgresMembershipDatabase.NewClusterId();
        var options = new ClusterMembershipOptions { TableRefreshPeriod = TimeSpan.FromMinutes(1) };
        var network = new FakeSiloNetwork();
        var a = NewService(clusterId, options, network, "a", out var aAddress);
        await a.JoinAsync(aAddress, "a", 0);
        var b = NewService(clusterId, options, network, "b", out var bAddress);
        await Task.Delay(300); // a's listener is connected

        var started = Stopwatch.GetTimestamp();
        await b.JoinAsync(bAddress, "b", 0);
        while (a.CurrentView.StatusOf(bAddress) != SiloStatus.Active && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10)) await Task.Delay(5);
        var elapsed = Stopwatch.GetElapsedTime(started);

        output.WriteLine($"a saw b active {elapsed.TotalMilliseconds:F0} ms after b started joining");
        a.CurrentView.StatusOf(bAddress).Should().Be(SiloStatus.Active);
        elapsed.Should().BeLessThan(new ClusterMembershipOptions().TableRefreshPeriod / 2);
    }

    [Fact]
    public async Task The_listener_reconnects_after_its_connection_is_terminated_and_announces_what_it_missed()
    {
        var clusterId = PostgresMembershipDatabase.NewClusterId();
        var writer = Track(NewPostgresTable(clusterId));
        var watcher = Track(NewPostgresTable(clusterId));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        long latest = 0;
        var watching = Task.Run(async () =>
        {
            await foreach (var version in watcher.WatchVersionsAsync(stop.Token)) Interlocked.Exchange(ref latest, version);
        });
        await writer.InsertRowAsync(Entry(1), 0);
        await WaitAsync(() => Interlocked.Read(ref latest) == 1, "the first write is announced");

        await TerminateOtherBackendsAsync("the listener's connection among them");
        // May land while the listener is down: its catch-up read announces it.
        await RetryTableFailuresAsync(() => writer.InsertRowAsync(Entry(2), 1));
        await WaitAsync(() => Interlocked.Read(ref latest) == 2, "the write during the outage is announced after reconnecting");
        await RetryTableFailuresAsync(() => writer.InsertRowAsync(Entry(3), 2));
        await WaitAsync(() => Interlocked.Read(ref latest) == 3, "writes after reconnecting are notified");

        await stop.CancelAsync();
        await watching.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task A_cluster_survives_its_database_connections_being_terminated_mid_run()
    {
        var clusterId = PostgresMembershipDatabase.NewClusterId();
        var options = new ClusterMembershipOptions
        {
            ProbePeriod = TimeSpan.FromMilliseconds(200),
            ProbeTimeout = TimeSpan.FromMilliseconds(200),
            IAmAlivePeriod = TimeSpan.FromMilliseconds(200),
            TableRefreshPeriod = TimeSpan.FromMilliseconds(200),
        };
        var network = new FakeSiloNetwork();
        var services = new List<(MembershipService Service, SiloAddress Address)>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var service = NewService(clusterId, options, network, name, out var address);
            await service.JoinAsync(address, name, 0);
            services.Add((service, address));
        }

        await TerminateOtherBackendsAsync("every silo's pooled connections and listener");
        await Task.Delay(options.ProbePeriod * 5); // every loop has hit a dead connection by now
        await TerminateOtherBackendsAsync("again, after the reconnects");

        // Membership still works: a kill is detected and a join completes, and nobody was declared dead for the outage.
        var (c, cAddress) = services[2];
        network.Silence(cAddress);
        await c.DisposeAsync();
        var d = NewService(clusterId, options, network, "d", out var dAddress);
        await d.JoinAsync(dAddress, "d", 0);
        var survivors = new[] { services[0], services[1], (d, dAddress) };
        await WaitAsync(() => survivors.All(s => s.Item1.CurrentView.ActiveSilos.SequenceEqual(survivors.Select(x => x.Item2).Order())),
            "a, b and d see exactly themselves active");
        survivors.Should().AllSatisfy(s => s.Item1.IsDeclaredDead.Should().BeFalse());
    }

    /// <summary>A pooled connection the server terminated fails once on its next use, as it would for a silo; the silo retries, so does the test.</summary>
    private static async Task RetryTableFailuresAsync(Func<Task<bool>> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                (await write()).Should().BeTrue();
                return;
            }
            catch (MembershipTableException) when (attempt < 5)
            {
            }
        }
    }

    private async Task TerminateOtherBackendsAsync(string which)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        var terminated = (long)(await command.ExecuteScalarAsync())!;
        output.WriteLine($"Terminated {terminated} backends: {which}");
        terminated.Should().BePositive();
    }

    private MembershipService NewService(string clusterId, ClusterMembershipOptions options, FakeSiloNetwork network, string name, out SiloAddress address)
    {
        address = new SiloAddress("10.0.0.1", 11_000 + name[0], 1);
        var table = Track(NewPostgresTable(clusterId));
        var service = new MembershipService(table, network.ProberFor(address), Options.Create(options), new TestOutputLogger<MembershipService>(output, name));
        _disposables.Add(service);
        return service;
    }

    private PostgresMembershipTable NewPostgresTable(string clusterId) =>
        new(_dataSource, clusterId, PostgresMembershipDatabase.TestOptions, new TestOutputLogger<PostgresMembershipTable>(output, "table"));

    private T Track<T>(T disposable) where T : IAsyncDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining) =>
        new(new SiloAddress("10.0.0.1", port, 7), status, $"silo-{port}", "host-1", 0, Start, Start, []);

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10)) throw new TimeoutException($"Not within 10 s: {what}.");
            await Task.Delay(10);
        }
    }
}
