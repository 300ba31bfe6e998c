using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace Commerce.Runtime.Postgres.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresGrainStorageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly GrainType Cart = new("cart");
    private static readonly GrainType Wishlist = new("wishlist");
    private const string StateName = "state";

    private NpgsqlDataSource _dataSource = null!;
    private PostgresGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        // One database for the class: every test uses its own keys. Migrating again is a no-op.
        _dataSource = NpgsqlDataSource.Create(await postgres.GetOrCreateDatabaseAsync("grain_storage"));
        await new SchemaMigrator(_dataSource).MigrateAsync();
        _storage = new PostgresGrainStorage(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Reading_a_missing_record_gives_a_new_default_state_and_no_etag()
    {
        var state = new TestGrainState<CartState>();

        await _storage.ReadStateAsync(StateName, GrainId.Create(Cart, "nobody"), state);

        state.State.Should().NotBeNull();
        state.State.Should().BeEquivalentTo(new CartState());
        state.ETag.Should().BeNull();
        state.RecordExists.Should().BeFalse();
    }

    [Fact]
    public async Task Reading_a_missing_record_of_a_type_without_a_parameterless_constructor_gives_null()
    {
        var state = new TestGrainState<Address> { State = new Address("stale", "stale") };

        await _storage.ReadStateAsync(StateName, GrainId.Create(Cart, "nobody"), state);

        state.State.Should().BeNull();
        state.ETag.Should().BeNull();
    }

    [Fact]
    public async Task Written_state_round_trips_nested_records_lists_and_dictionaries()
    {
        var id = GrainId.Create(Cart, Guid.NewGuid());
        var written = new TestGrainState<CartState> { State = SampleCart() };

        await _storage.WriteStateAsync(StateName, id, written);
        var read = new TestGrainState<CartState>();
        await _storage.ReadStateAsync(StateName, id, read);

        read.State.Should().BeEquivalentTo(written.State);
        read.ETag.Should().Be(written.ETag).And.NotBeNull();
        read.RecordExists.Should().BeTrue();
        written.RecordExists.Should().BeTrue();
    }

    [Fact]
    public async Task Each_write_advances_the_etag()
    {
        var id = GrainId.Create(Cart, 42);
        var state = new TestGrainState<CartState> { State = SampleCart() };
        var etags = new List<string?>();

        for (var i = 0; i < 3; i++)
        {
            state.State = state.State with { Coupon = $"SAVE{i}" };
            await _storage.WriteStateAsync(StateName, id, state);
            etags.Add(state.ETag);
        }

        etags.Should().Equal("1", "2", "3");
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_rejected_and_does_not_overwrite_newer_state()
    {
        var id = GrainId.Create(Cart, "contended");
        await _storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = SampleCart() });
        var current = await ReadAsync<CartState>(id);
        var stale = await ReadAsync<CartState>(id);
        current.State = current.State with { Coupon = "NEWER" };
        await _storage.WriteStateAsync(StateName, id, current);

        stale.State = stale.State with { Coupon = "STALE" };
        var write = () => _storage.WriteStateAsync(StateName, id, stale);

        var conflict = (await write.Should().ThrowAsync<InconsistentStateException>()).Which;
        conflict.StoredEtag.Should().Be(current.ETag);
        conflict.CurrentEtag.Should().Be(stale.ETag);
        (await ReadAsync<CartState>(id)).State.Coupon.Should().Be("NEWER");
    }

    [Fact]
    public async Task A_first_write_over_an_existing_record_is_rejected_and_reports_the_stored_etag()
    {
        var id = GrainId.Create(Cart, "exists");
        await _storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = SampleCart() with { Coupon = "FIRST" } });

        var write = () => _storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = new CartState { Coupon = "SECOND" } });

        var conflict = (await write.Should().ThrowAsync<InconsistentStateException>()).Which;
        conflict.StoredEtag.Should().Be("1");
        conflict.CurrentEtag.Should().BeNull();
        (await ReadAsync<CartState>(id)).State.Coupon.Should().Be("FIRST");
    }

    [Fact]
    public async Task An_etag_this_storage_never_issued_is_a_conflict()
    {
        var id = GrainId.Create(Cart, "foreign-etag");
        await _storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = SampleCart() });

        var write = () => _storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = new CartState(), ETag = "W/\"abc\"" });

        (await write.Should().ThrowAsync<InconsistentStateException>()).Which.StoredEtag.Should().Be("1");
    }

    [Fact]
    public async Task Of_two_concurrent_first_writes_exactly_one_wins()
    {
        for (var round = 0; round < 20; round++)
        {
            var id = GrainId.Create(Cart, $"race-{round}");
            var first = new TestGrainState<CartState> { State = new CartState { Coupon = "A" } };
            var second = new TestGrainState<CartState> { State = new CartState { Coupon = "B" } };
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = new[] { TryWriteAsync(id, first, start.Task), TryWriteAsync(id, second, start.Task) };

            start.SetResult();
            var outcomes = await Task.WhenAll(writers);

            outcomes.Count(won => won).Should().Be(1, "round {0} must have exactly one winner", round);
            var winner = outcomes[0] ? first : second;
            var stored = await ReadAsync<CartState>(id);
            stored.State.Coupon.Should().Be(winner.State.Coupon);
            stored.ETag.Should().Be("1");
        }
    }

    [Fact]
    public async Task Clearing_deletes_the_record_and_resets_the_state()
    {
        var id = GrainId.Create(Cart, "to-clear");
        var state = new TestGrainState<CartState> { State = SampleCart() };
        await _storage.WriteStateAsync(StateName, id, state);

        await _storage.ClearStateAsync(StateName, id, state);

        state.State.Should().BeEquivalentTo(new CartState());
        state.ETag.Should().BeNull();
        state.RecordExists.Should().BeFalse();
        var read = await ReadAsync<CartState>(id);
        read.RecordExists.Should().BeFalse();
        read.ETag.Should().BeNull();
        (await CountRowsAsync(id)).Should().Be(0);
    }

    [Fact]
    public async Task A_cleared_record_can_be_written_again_from_scratch()
    {
        var id = GrainId.Create(Cart, "reborn");
        var state = new TestGrainState<CartState> { State = SampleCart() };
        await _storage.WriteStateAsync(StateName, id, state);
        await _storage.ClearStateAsync(StateName, id, state);

        state.State = new CartState { Coupon = "AGAIN" };
        await _storage.WriteStateAsync(StateName, id, state);

        (await ReadAsync<CartState>(id)).State.Coupon.Should().Be("AGAIN");
    }

    [Fact]
    public async Task Clearing_a_missing_record_without_an_etag_does_nothing()
    {
        var state = new TestGrainState<CartState>();

        await _storage.ClearStateAsync(StateName, GrainId.Create(Cart, "never-written"), state);

        state.ETag.Should().BeNull();
        state.RecordExists.Should().BeFalse();
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_rejected_and_keeps_the_newer_record()
    {
        var id = GrainId.Create(Cart, "clear-contended");
        await _storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = SampleCart() });
        var stale = await ReadAsync<CartState>(id);
        var current = await ReadAsync<CartState>(id);
        current.State = current.State with { Coupon = "NEWER" };
        await _storage.WriteStateAsync(StateName, id, current);

        var clear = () => _storage.ClearStateAsync(StateName, id, stale);

        (await clear.Should().ThrowAsync<InconsistentStateException>()).Which.StoredEtag.Should().Be(current.ETag);
        (await ReadAsync<CartState>(id)).State.Coupon.Should().Be("NEWER");
    }

    [Fact]
    public async Task Clearing_without_an_etag_a_record_someone_else_wrote_is_rejected()
    {
        var id = GrainId.Create(Cart, "clear-unread");
        await _storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = SampleCart() });

        var clear = () => _storage.ClearStateAsync(StateName, id, new TestGrainState<CartState>());

        await clear.Should().ThrowAsync<InconsistentStateException>();
        (await CountRowsAsync(id)).Should().Be(1);
    }

    [Fact]
    public async Task Grain_types_with_equal_keys_do_not_share_state()
    {
        var cart = GrainId.Create(Cart, "user-7");
        var wishlist = GrainId.Create(Wishlist, "user-7");

        await _storage.WriteStateAsync(StateName, cart, new TestGrainState<CartState> { State = new CartState { Coupon = "CART" } });
        await _storage.WriteStateAsync(StateName, wishlist, new TestGrainState<CartState> { State = new CartState { Coupon = "WISH" } });

        (await ReadAsync<CartState>(cart)).State.Coupon.Should().Be("CART");
        (await ReadAsync<CartState>(wishlist)).State.Coupon.Should().Be("WISH");
    }

    [Fact]
    public async Task State_names_of_one_grain_are_stored_separately()
    {
        var id = GrainId.Create(Cart, "two-states");

        await _storage.WriteStateAsync("lines", id, new TestGrainState<CartState> { State = new CartState { Coupon = "LINES" } });
        await _storage.WriteStateAsync("audit", id, new TestGrainState<CartState> { State = new CartState { Coupon = "AUDIT" } });

        (await ReadAsync<CartState>(id, "lines")).State.Coupon.Should().Be("LINES");
        (await ReadAsync<CartState>(id, "audit")).State.Coupon.Should().Be("AUDIT");
    }

    [Theory]
    [InlineData("'); DROP TABLE grain_state; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("x' OR '1'='1")]
    [InlineData("$1; SELECT pg_sleep(10)")]
    [InlineData("back\\slash and 'quotes' and \"doubles\"")]
    [InlineData("価格/שלום/🛒")]
    public async Task Keys_that_look_like_SQL_injection_are_stored_verbatim(string key)
    {
        var id = GrainId.Create(Cart, key);

        await _storage.WriteStateAsync(key, id, new TestGrainState<CartState> { State = new CartState { Coupon = key } });

        (await ReadAsync<CartState>(id, key)).State.Coupon.Should().Be(key);
        await using var command = _dataSource.CreateCommand("SELECT grain_key, state_name FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Cart.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be(key);
        reader.GetString(1).Should().Be(key);
    }

    [Fact]
    public async Task The_payload_is_camel_cased_jsonb_that_sql_can_query()
    {
        var id = GrainId.Create(Cart, "queryable");
        await _storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = SampleCart() });

        await using var command = _dataSource.CreateCommand(
            "SELECT payload->'shipTo'->>'city' FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Cart.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.Key });

        (await command.ExecuteScalarAsync()).Should().Be("Lisbon");
    }

    [Fact]
    public async Task A_dropped_database_fails_with_GrainStorageException()
    {
        var connectionString = await postgres.CreateDatabaseAsync("dropped");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(dataSource).MigrateAsync();
        }
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var admin = NpgsqlDataSource.Create(postgres.ConnectionString))
        await using (var drop = admin.CreateCommand($"DROP DATABASE \"{database}\" WITH (FORCE)"))
        {
            await drop.ExecuteNonQueryAsync();
        }
        await using var gone = NpgsqlDataSource.Create(WithShortTimeouts(connectionString));
        var storage = new PostgresGrainStorage(gone);
        var id = GrainId.Create(Cart, "orphan");

        var read = () => storage.ReadStateAsync(StateName, id, new TestGrainState<CartState>());

        var failure = (await read.Should().ThrowAsync<GrainStorageException>()).Which;
        failure.GrainId.Should().Be(id);
        failure.StateName.Should().Be(StateName);
        failure.InnerException.Should().BeAssignableTo<NpgsqlException>();
    }

    [Fact]
    public async Task An_unreachable_server_fails_fast_with_GrainStorageException_instead_of_hanging()
    {
        var closedPort = ClosedLoopbackPort();
        var connectionString = WithShortTimeouts(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Port = closedPort }.ConnectionString);
        await using var unreachable = NpgsqlDataSource.Create(connectionString);
        var storage = new PostgresGrainStorage(unreachable);
        var id = GrainId.Create(Cart, "offline");
        var stopwatch = Stopwatch.StartNew();

        var write = () => storage.WriteStateAsync(StateName, id, new TestGrainState<CartState> { State = SampleCart() });

        var failure = (await write.Should().ThrowAsync<GrainStorageException>()).Which;
        failure.GrainId.Should().Be(id);
        failure.Message.Should().Contain("cart/offline");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    private async Task<bool> TryWriteAsync(GrainId id, TestGrainState<CartState> state, Task start)
    {
        await start;
        try
        {
            await _storage.WriteStateAsync(StateName, id, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private async Task<TestGrainState<T>> ReadAsync<T>(GrainId id, string stateName = StateName)
    {
        var state = new TestGrainState<T>();
        await _storage.ReadStateAsync(stateName, id, state);
        return state;
    }

    private async Task<long> CountRowsAsync(GrainId id)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.Type.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.Key });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string WithShortTimeouts(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 2, CommandTimeout = 2, Pooling = false }.ConnectionString;

    /// <summary>A port nothing listens on: bound a moment ago by us, then released.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static CartState SampleCart() => new()
    {
        Lines =
        [
            new CartLine("SKU-1", 2, 19.99m, ["gift", "fragile"]),
            new CartLine("SKU-2", 1, 5.00m, []),
        ],
        QuantitiesByWarehouse = new Dictionary<string, int> { ["LIS-1"] = 3, ["Porto"] = 0 },
        PriceHistory = new Dictionary<string, List<decimal>> { ["SKU-1"] = [21.00m, 19.99m] },
        ShipTo = new Address("Rua Augusta 1", "Lisbon"),
        Coupon = "WELCOME",
        UpdatedAt = new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.FromHours(1)),
    };
}
