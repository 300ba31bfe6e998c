using Commerce.Runtime.Postgres;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace Commerce.Runtime.Reminders.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresReminderTableTests(PostgresFixture postgres) : ReminderTableContract, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private PostgresReminderTable _table = null!;

    protected override IReminderTable Table => _table;

    public async Task InitializeAsync()
    {
        // One database for the class: every test uses its own grains. Migrating again is a no-op.
        _dataSource = NpgsqlDataSource.Create(await postgres.GetOrCreateDatabaseAsync("reminder_table"));
        await new SchemaMigrator(_dataSource).MigrateAsync();
        _table = new PostgresReminderTable(_dataSource, "commerce");
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Theory]
    [InlineData("'; DROP TABLE reminders; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("$1) OR (1=1")]
    [InlineData("名前 with ünïcode, a\ttab and a\nnewline")]
    public async Task Hostile_strings_are_stored_verbatim(string hostile)
    {
        var table = new PostgresReminderTable(_dataSource, hostile);
        var grain = GrainId.Create(new GrainType(hostile), hostile);

        var eTag = await table.UpsertRowAsync(Entry(grain, hostile));

        (await table.ReadRowAsync(grain, hostile)).Should().Be(Entry(grain, hostile, eTag));
        (await table.ReadRowsAsync(grain)).Should().ContainSingle().Which.ReminderName.Should().Be(hostile);
        (await table.ReadAllAsync()).Should().ContainSingle().Which.GrainId.Should().Be(grain);
        (await table.RemoveRowAsync(grain, hostile, eTag!)).Should().BeTrue();
        (await _table.ReadAllAsync()).Should().NotBeNull("the table is still there");
    }

    [Fact]
    public async Task Services_sharing_a_database_see_only_their_own_reminders()
    {
        var grain = NewGrain();
        var staging = new PostgresReminderTable(_dataSource, "staging");
        await staging.UpsertRowAsync(Entry(grain));

        (await _table.ReadRowAsync(grain, "expire")).Should().BeNull();
        (await _table.ReadRowsAsync(grain)).Should().BeEmpty();
        (await _table.ReadAllAsync()).Should().NotContain(r => r.GrainId == grain);
        (await _table.UpsertRowAsync(Entry(grain))).Should().NotBeNull("the same reminder name is free in another service");
    }

    [Fact]
    public async Task The_schedule_round_trips_to_the_millisecond()
    {
        var grain = NewGrain();
        var entry = new ReminderEntry(grain, "precise", new DateTime(2031, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), TimeSpan.FromMilliseconds(90_061_001), null);

        var eTag = await _table.UpsertRowAsync(entry);
        var read = await _table.ReadRowAsync(grain, "precise");

        read.Should().Be(entry with { ETag = eTag });
        read!.StartAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task A_database_failure_surfaces_as_a_ReminderTableException()
    {
        // A database the migrations never ran on has no reminders table.
        await using var unmigrated = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("reminders_unmigrated"));
        var table = new PostgresReminderTable(unmigrated, "commerce");

        var read = () => table.ReadAllAsync();
        var write = () => table.UpsertRowAsync(Entry(NewGrain()));

        (await read.Should().ThrowAsync<ReminderTableException>().WithMessage("Reading the reminders of the service failed*"))
            .Which.InnerException.Should().BeAssignableTo<NpgsqlException>();
        await write.Should().ThrowAsync<ReminderTableException>().WithMessage("Writing reminder 'expire'*");
    }

    [Fact]
    public async Task An_etag_the_table_never_issued_is_a_conflict_not_an_error()
    {
        var grain = NewGrain();
        await _table.UpsertRowAsync(Entry(grain));

        (await _table.UpsertRowAsync(Entry(grain, eTag: "not-a-version"))).Should().BeNull();
        (await _table.RemoveRowAsync(grain, "expire", "not-a-version")).Should().BeFalse();
    }
}
