using System.Net;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Commerce.Postgres.Tests.Orleans;

/// <summary>
/// Orleans' ADO.NET membership table and gateway list on the migrated schema, driven directly (no
/// silo), so each rule of the membership protocol's table contract is checked on its own.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class MembershipTableContractTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly string _clusterId = $"contract-{Guid.NewGuid():N}";
    private string _connectionString = null!;
    private ServiceProvider _services = null!;
    private AdoNetClusteringTable _table = null!;

    public async Task InitializeAsync()
    {
        // One database for the class; each test has its own cluster id.
        _connectionString = await postgres.GetOrCreateDatabaseAsync("membership_contract");
        await using (var dataSource = NpgsqlDataSource.Create(_connectionString))
        {
            await new Migrations.SchemaMigrator(dataSource).MigrateAsync();
        }
        _services = new ServiceCollection().AddLogging().BuildServiceProvider();
        _table = new AdoNetClusteringTable(
            _services,
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "contract" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresCluster.Invariant, ConnectionString = _connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_new_cluster_starts_with_an_empty_table_at_version_zero()
    {
        var data = await _table.ReadAllAsync();

        data.Members.Should().BeEmpty();
        data.Version.Version.Should().Be(0);
    }

    [Fact]
    public async Task Initializing_again_keeps_the_version_row()
    {
        var data = await _table.ReadAllAsync();
        (await _table.InsertRowAsync(Entry(11111, SiloStatus.Joining), data.Version.Next())).Should().BeTrue();

        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true);

        (await _table.ReadAllAsync()).Version.Version.Should().Be(1);
    }

    [Fact]
    public async Task Inserting_a_silo_on_the_current_version_stores_it_and_bumps_the_version()
    {
        var entry = Entry(11111, SiloStatus.Joining);
        var version = (await _table.ReadAllAsync()).Version;

        (await _table.InsertRowAsync(entry, version.Next())).Should().BeTrue();

        var row = await _table.ReadRowAsync(entry.SiloAddress);
        row.Version.Version.Should().Be(version.Version + 1);
        var (stored, etag) = row.Members.Single();
        etag.Should().Be(row.Version.VersionEtag);
        stored.SiloAddress.Should().Be(entry.SiloAddress);
        stored.SiloName.Should().Be(entry.SiloName);
        stored.HostName.Should().Be(entry.HostName);
        stored.Status.Should().Be(SiloStatus.Joining);
        stored.ProxyPort.Should().Be(entry.ProxyPort);
        stored.StartTime.Should().BeCloseTo(entry.StartTime, TimeSpan.FromMilliseconds(1));
        stored.IAmAliveTime.Should().BeCloseTo(entry.IAmAliveTime, TimeSpan.FromMilliseconds(1));
        stored.StartTime.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Inserting_on_a_stale_version_is_refused_and_changes_nothing()
    {
        var stale = (await _table.ReadAllAsync()).Version;
        (await _table.InsertRowAsync(Entry(11111, SiloStatus.Joining), stale.Next())).Should().BeTrue();

        (await _table.InsertRowAsync(Entry(22222, SiloStatus.Joining), stale.Next())).Should().BeFalse();

        var data = await _table.ReadAllAsync();
        data.Members.Should().ContainSingle();
        data.Version.Version.Should().Be(stale.Version + 1);
    }

    [Fact]
    public async Task Inserting_a_silo_twice_is_refused_without_bumping_the_version()
    {
        var entry = Entry(11111, SiloStatus.Joining);
        (await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var current = (await _table.ReadAllAsync()).Version;

        (await _table.InsertRowAsync(entry, current.Next())).Should().BeFalse();

        (await _table.ReadAllAsync()).Version.Version.Should().Be(current.Version);
    }

    [Fact]
    public async Task Updating_with_the_current_etag_changes_status_and_suspicions()
    {
        var entry = Entry(11111, SiloStatus.Joining);
        (await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var row = await _table.ReadRowAsync(entry.SiloAddress);
        var (stored, etag) = row.Members.Single();
        var voter = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 33333), 7);
        stored.Status = SiloStatus.Active;
        stored.SuspectTimes = [Tuple.Create(voter, DateTime.UtcNow)];

        (await _table.UpdateRowAsync(stored, etag, row.Version.Next())).Should().BeTrue();

        var updated = await _table.ReadRowAsync(entry.SiloAddress);
        updated.Version.Version.Should().Be(row.Version.Version + 1);
        updated.Members.Single().Item1.Status.Should().Be(SiloStatus.Active);
        updated.Members.Single().Item1.SuspectTimes.Should().ContainSingle().Which.Item1.Should().Be(voter);
    }

    [Fact]
    public async Task Updating_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var entry = Entry(11111, SiloStatus.Joining);
        (await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var stale = await _table.ReadRowAsync(entry.SiloAddress);
        (await _table.InsertRowAsync(Entry(22222, SiloStatus.Joining), stale.Version.Next())).Should().BeTrue();
        var (stored, etag) = stale.Members.Single();
        stored.Status = SiloStatus.Dead;

        (await _table.UpdateRowAsync(stored, etag, stale.Version.Next())).Should().BeFalse();

        var current = await _table.ReadRowAsync(entry.SiloAddress);
        current.Members.Single().Item1.Status.Should().Be(SiloStatus.Joining);
        current.Version.Version.Should().Be(stale.Version.Version + 1);
    }

    [Fact]
    public async Task The_heartbeat_moves_i_am_alive_time_without_bumping_the_version()
    {
        var entry = Entry(11111, SiloStatus.Active);
        (await _table.InsertRowAsync(entry, (await _table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var before = await _table.ReadRowAsync(entry.SiloAddress);
        var alive = entry.IAmAliveTime.AddSeconds(5);

        await _table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await _table.ReadRowAsync(entry.SiloAddress);
        after.Members.Single().Item1.IAmAliveTime.Should().BeCloseTo(alive, TimeSpan.FromMilliseconds(1));
        after.Version.Version.Should().Be(before.Version.Version);
    }

    [Fact]
    public async Task The_gateway_list_holds_the_active_silos_that_have_a_gateway()
    {
        await InsertAsync(Entry(11111, SiloStatus.Active, proxyPort: 30001));
        await InsertAsync(Entry(11112, SiloStatus.Active, proxyPort: 0));
        await InsertAsync(Entry(11113, SiloStatus.Joining, proxyPort: 30003));
        await InsertAsync(Entry(11114, SiloStatus.Dead, proxyPort: 30004));
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            _services,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = PostgresCluster.Invariant, ConnectionString = _connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "contract" }));
        await gateways.InitializeGatewayListProvider();

        var uris = await gateways.GetGateways();

        uris.Should().ContainSingle().Which.Port.Should().Be(30001);
    }

    [Fact]
    public async Task Cleanup_removes_dead_silos_not_heard_of_since_the_cutoff_and_keeps_the_rest()
    {
        var longAgo = DateTime.UtcNow.AddHours(-2);
        var voter = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 33333), 7);
        var deadWithVotes = Entry(11111, SiloStatus.Dead, startTime: longAgo);
        deadWithVotes.SuspectTimes = [Tuple.Create(voter, longAgo)];
        await InsertAsync(deadWithVotes);
        await SetSuspicionsAsync(deadWithVotes);
        await InsertAsync(Entry(11112, SiloStatus.Dead, startTime: longAgo));
        await InsertAsync(Entry(11113, SiloStatus.Dead));
        await InsertAsync(Entry(11114, SiloStatus.Active, startTime: longAgo));

        await _table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));

        var left = (await _table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port);
        left.Should().BeEquivalentTo([11113, 11114]);
    }

    [Fact]
    public async Task Without_the_per_row_cleanup_query_cleanup_falls_back_to_removing_old_dead_rows_in_bulk()
    {
        var connectionString = await postgres.CreateDatabaseAsync("membership_bulk_cleanup");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new Migrations.SchemaMigrator(dataSource).MigrateAsync();
            await using var drop = dataSource.CreateCommand("DELETE FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey'");
            await drop.ExecuteNonQueryAsync();
        }
        var table = new AdoNetClusteringTable(
            _services,
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "contract" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresCluster.Invariant, ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var longAgo = DateTime.UtcNow.AddHours(-2);
        foreach (var entry in new[] { Entry(11111, SiloStatus.Dead, startTime: longAgo), Entry(11112, SiloStatus.Dead), Entry(11113, SiloStatus.Active, startTime: longAgo) })
        {
            (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port);
        left.Should().BeEquivalentTo([11112, 11113]);
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_its_rows_and_version()
    {
        await InsertAsync(Entry(11111, SiloStatus.Active));

        await _table.DeleteMembershipTableEntriesAsync(_clusterId);

        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM orleans_membership WHERE cluster_id = $1) + (SELECT count(*) FROM orleans_membership_versions WHERE cluster_id = $1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
    }

    private async Task InsertAsync(MembershipEntry entry)
    {
        var version = (await _table.ReadAllAsync()).Version;
        (await _table.InsertRowAsync(entry, version.Next())).Should().BeTrue();
    }

    /// <summary>Suspicions are written by updates only (an insert carries none), as in Orleans.</summary>
    private async Task SetSuspicionsAsync(MembershipEntry entry)
    {
        var row = await _table.ReadRowAsync(entry.SiloAddress);
        var (stored, etag) = row.Members.Single();
        stored.SuspectTimes = entry.SuspectTimes;
        (await _table.UpdateRowAsync(stored, etag, row.Version.Next())).Should().BeTrue();
    }

    private static MembershipEntry Entry(int port, SiloStatus status, int proxyPort = 30000, DateTime? startTime = null)
    {
        var start = startTime ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 42),
            SiloName = $"silo-{port}",
            HostName = "localhost",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = start,
            IAmAliveTime = start,
        };
    }
}
