using System.Diagnostics;
using FluentAssertions;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>What every <see cref="IMembershipTable"/> promises, run by the subclasses over each table.</summary>
public abstract class MembershipTableContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IMembershipTable> _tables = [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var table in _tables.Distinct()) if (table is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    /// <summary>Instances over one fresh, empty membership; each call may return a new instance over the same rows.</summary>
    protected abstract Func<IMembershipTable> CreateTables();

    private (IMembershipTable Table, Func<IMembershipTable> Another) NewTable()
    {
        var create = CreateTables();
        IMembershipTable Track()
        {
            var table = create();
            _tables.Add(table);
            return table;
        }
        return (Track(), Track);
    }

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining, DateTimeOffset? iAmAlive = null) =>
        new(new SiloAddress("10.0.0.1", port, 7), status, $"silo-{port}", "host-1", port + 1, Start, iAmAlive ?? Start, []);

    [Fact]
    public async Task An_empty_table_reads_as_version_zero_with_no_rows()
    {
        var (table, _) = NewTable();

        var snapshot = await table.ReadAllAsync();

        snapshot.Version.Should().Be(0);
        snapshot.Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Each_write_increments_the_table_version_and_an_update_the_row_etag()
    {
        var (table, _) = NewTable();

        (await table.InsertRowAsync(Entry(1), 0)).Should().BeTrue();
        var afterInsert = await table.ReadAllAsync();
        var row = afterInsert.Rows.Should().ContainSingle().Subject;
        (await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Active }, row.ETag, afterInsert.Version)).Should().BeTrue();
        var afterUpdate = await table.ReadAllAsync();

        afterInsert.Version.Should().Be(1);
        afterUpdate.Version.Should().Be(2);
        afterUpdate.Rows.Single().ETag.Should().BeGreaterThan(row.ETag);
        afterUpdate.Rows.Single().Entry.Should().BeEquivalentTo(row.Entry with { Status = SiloStatus.Active });
    }

    [Fact]
    public async Task Writes_with_a_stale_table_version_are_refused_and_change_nothing()
    {
        var (table, _) = NewTable();
        await table.InsertRowAsync(Entry(1), 0);
        var read = await table.ReadAllAsync();
        await table.InsertRowAsync(Entry(2), read.Version); // someone else wrote since `read`
        var before = await table.ReadAllAsync();
        var row = read.Find(Entry(1).Address)!;

        (await table.InsertRowAsync(Entry(3), read.Version)).Should().BeFalse();
        (await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Active }, row.ETag, read.Version)).Should().BeFalse();

        var after = await table.ReadAllAsync();
        after.Version.Should().Be(before.Version);
        after.Rows.Should().BeEquivalentTo(before.Rows);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_refused()
    {
        var (table, _) = NewTable();
        await table.InsertRowAsync(Entry(1), 0);
        var first = await table.ReadAllAsync();
        var stale = first.Rows.Single();
        await table.UpdateRowAsync(stale.Entry with { Status = SiloStatus.Active }, stale.ETag, first.Version);
        var current = await table.ReadAllAsync();

        var written = await table.UpdateRowAsync(stale.Entry with { Status = SiloStatus.ShuttingDown }, stale.ETag, current.Version);

        written.Should().BeFalse();
        (await table.ReadAllAsync()).Rows.Single().Status.Should().Be(SiloStatus.Active);
    }

    [Fact]
    public async Task An_identity_that_has_a_row_cannot_be_inserted_again_even_when_dead()
    {
        var (table, _) = NewTable();
        await table.InsertRowAsync(Entry(1, SiloStatus.Dead), 0);

        var inserted = await table.InsertRowAsync(Entry(1), 1);

        inserted.Should().BeFalse();
        var snapshot = await table.ReadAllAsync();
        snapshot.Version.Should().Be(1);
        snapshot.Rows.Single().Status.Should().Be(SiloStatus.Dead);
    }

    [Fact]
    public async Task A_dead_row_is_never_written_again()
    {
        var (table, _) = NewTable();
        await table.InsertRowAsync(Entry(1, SiloStatus.Dead), 0);
        var snapshot = await table.ReadAllAsync();
        var row = snapshot.Rows.Single();

        var revived = await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Active }, row.ETag, snapshot.Version);
        await table.UpdateIAmAliveAsync(row.Address, Start.AddHours(1));

        revived.Should().BeFalse();
        var after = (await table.ReadAllAsync()).Rows.Single();
        after.Status.Should().Be(SiloStatus.Dead);
        after.Entry.IAmAliveTime.Should().Be(Start);
    }

    [Fact]
    public async Task I_am_alive_moves_forward_only_and_changes_neither_the_version_nor_the_etag()
    {
        var (table, _) = NewTable();
        await table.InsertRowAsync(Entry(1), 0);
        var before = await table.ReadAllAsync();
        var silo = before.Rows.Single().Address;

        await table.UpdateIAmAliveAsync(silo, Start.AddSeconds(5));
        await table.UpdateIAmAliveAsync(silo, Start.AddSeconds(1));

        var after = await table.ReadAllAsync();
        after.Version.Should().Be(before.Version);
        after.Rows.Single().ETag.Should().Be(before.Rows.Single().ETag);
        after.Rows.Single().Entry.IAmAliveTime.Should().Be(Start.AddSeconds(5));
    }

    [Fact]
    public async Task An_update_never_moves_i_am_alive_back()
    {
        var (table, _) = NewTable();
        await table.InsertRowAsync(Entry(1), 0);
        await table.UpdateIAmAliveAsync(Entry(1).Address, Start.AddSeconds(5));
        var snapshot = await table.ReadAllAsync();
        var row = snapshot.Rows.Single();

        // A voter writes the row it read before the heartbeat.
        await table.UpdateRowAsync(row.Entry with { IAmAliveTime = Start, Status = SiloStatus.Active }, row.ETag, snapshot.Version);

        (await table.ReadAllAsync()).Rows.Single().Entry.IAmAliveTime.Should().Be(Start.AddSeconds(5));
    }

    [Fact]
    public async Task Suspicion_votes_are_stored_with_their_voters_and_times()
    {
        var (table, _) = NewTable();
        await table.InsertRowAsync(Entry(1, SiloStatus.Active), 0);
        var snapshot = await table.ReadAllAsync();
        var row = snapshot.Rows.Single();
        SuspicionVote[] votes = [new(Entry(2).Address, Start.AddSeconds(1)), new(Entry(3).Address, Start.AddSeconds(2))];

        await table.UpdateRowAsync(row.Entry with { Suspicions = [.. votes] }, row.ETag, snapshot.Version);

        (await table.ReadAllAsync()).Rows.Single().Entry.Suspicions.Should().Equal(votes);
    }

    [Fact]
    public async Task Deleting_defunct_rows_removes_only_dead_rows_older_than_the_cutoff()
    {
        var (table, _) = NewTable();
        var cutoff = Start.AddDays(7);
        var oldDead = Entry(1, SiloStatus.Dead, iAmAlive: cutoff.AddSeconds(-1));
        var recentDead = Entry(2, SiloStatus.Dead, iAmAlive: cutoff.AddSeconds(1));
        var oldActive = Entry(3, SiloStatus.Active, iAmAlive: cutoff.AddDays(-1));
        foreach (var entry in new[] { oldDead, recentDead, oldActive })
        {
            await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version);
        }
        var before = await table.ReadAllAsync();

        var deleted = await table.DeleteDeadRowsAsync(cutoff);

        deleted.Should().Be(1);
        var after = await table.ReadAllAsync();
        after.Rows.Select(r => r.Address).Should().BeEquivalentTo([recentDead.Address, oldActive.Address]);
        after.Version.Should().BeGreaterThan(before.Version, "views must notice the rows are gone");
        (await table.DeleteDeadRowsAsync(cutoff)).Should().Be(0);
        (await table.ReadAllAsync()).Version.Should().Be(after.Version);
    }

    [Fact]
    public async Task Of_concurrent_writers_on_the_same_version_exactly_one_succeeds()
    {
        var (_, another) = NewTable();
        var tables = Enumerable.Range(0, 8).Select(_ => another()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = tables.Select((table, i) => Task.Run(async () =>
        {
            await start.Task;
            return await table.InsertRowAsync(Entry(100 + i), 0);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(writers);

        results.Count(r => r).Should().Be(1);
        var snapshot = await tables[0].ReadAllAsync();
        snapshot.Version.Should().Be(1);
        snapshot.Rows.Should().ContainSingle();
    }

    [Fact]
    public async Task A_second_instance_is_told_of_each_write_with_its_version()
    {
        var (writer, another) = NewTable();
        var watcher = another();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<long>();
        var watching = Task.Run(async () =>
        {
            await foreach (var version in watcher.WatchVersionsAsync(stop.Token))
            {
                lock (seen) seen.Add(version);
                if (version >= 3) return;
            }
        });
        await Task.Delay(200); // the PostgreSQL listener connects and LISTENs

        var started = Stopwatch.GetTimestamp();
        for (var port = 1; port <= 3; port++) await writer.InsertRowAsync(Entry(port), (await writer.ReadAllAsync()).Version);
        await watching.WaitAsync(stop.Token);

        Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(1));
        lock (seen) seen.Should().BeInAscendingOrder().And.Contain(3);
    }
}
