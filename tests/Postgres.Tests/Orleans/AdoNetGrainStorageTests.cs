using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace Commerce.Postgres.Tests.Orleans;

/// <summary>Grain state in Orleans' ADO.NET grain storage on the migrated schema, in a real silo.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class AdoNetGrainStorageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private PostgresCluster _cluster = null!;
    private IHost _silo = null!;

    private IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>(PostgresCluster.StorageName);

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.CreateAsync(postgres, "grain_storage");
        _silo = await _cluster.StartSiloAsync("silo");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task State_written_by_a_grain_is_read_back_by_its_next_activation()
    {
        var counter = _silo.Grains().GetGrain<ICounterGrain>("persisted");
        await counter.Increment();
        await counter.Increment();
        var firstActivation = await counter.ActivationId();

        await counter.Deactivate();
        await Eventually.ReturnsAsync(counter.ActivationId, id => id != firstActivation, TimeSpan.FromSeconds(30), "a new activation");

        (await counter.ValueReadOnActivation()).Should().Be(2);
        (await counter.Increment()).Should().Be(3);
        _cluster.Log.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Each_write_stores_the_payload_and_bumps_the_row_version()
    {
        var counter = _silo.Grains().GetGrain<ICounterGrain>("row");

        await counter.Increment();
        await counter.Increment();

        await using var command = _cluster.DataSource.CreateCommand(
            "SELECT version, payload FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_id_extension = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _cluster.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CounterGrain.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "row" });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue("the grain's state has a row keyed by state name and grain key");
        reader.GetInt32(0).Should().Be(2);
        reader.IsDBNull(1).Should().BeFalse();
        (await reader.ReadAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Reading_a_grain_never_written_gives_no_etag_and_no_record()
    {
        IGrainState<CounterState> state = new GrainState<CounterState>();

        await Storage.ReadStateAsync(CounterGrain.StateName, GrainIdFor("never-written"), state);

        state.ETag.Should().BeNull();
        state.RecordExists.Should().BeFalse();
        state.State.Should().NotBeNull();
        state.State!.Value.Should().Be(0);
    }

    [Fact]
    public async Task Stale_write_is_rejected_by_the_etag()
    {
        var grainId = GrainIdFor("stale-write");
        await WriteAsync(grainId, 1);
        var first = await ReadAsync(grainId);
        var second = await ReadAsync(grainId);
        first.State!.Value = 2;
        await Storage.WriteStateAsync(CounterGrain.StateName, grainId, first);
        second.State!.Value = 3;

        var staleWrite = () => Storage.WriteStateAsync(CounterGrain.StateName, grainId, second);

        await staleWrite.Should().ThrowAsync<InconsistentStateException>();
        var stored = await ReadAsync(grainId);
        stored.State!.Value.Should().Be(2);
        stored.ETag.Should().Be(first.ETag);
    }

    [Fact]
    public async Task A_first_write_loses_to_another_first_write_of_the_same_grain()
    {
        var grainId = GrainIdFor("first-write-race");
        var first = await ReadAsync(grainId);
        var second = await ReadAsync(grainId);
        first.State!.Value = 1;
        await Storage.WriteStateAsync(CounterGrain.StateName, grainId, first);
        second.State!.Value = 2;

        var staleWrite = () => Storage.WriteStateAsync(CounterGrain.StateName, grainId, second);

        await staleWrite.Should().ThrowAsync<InconsistentStateException>();
        (await ReadAsync(grainId)).State!.Value.Should().Be(1);
    }

    [Fact]
    public async Task Each_write_gives_a_new_etag()
    {
        var grainId = GrainIdFor("etags");
        var state = await ReadAsync(grainId);

        await Storage.WriteStateAsync(CounterGrain.StateName, grainId, state);
        var afterFirst = state.ETag;
        await Storage.WriteStateAsync(CounterGrain.StateName, grainId, state);

        afterFirst.Should().NotBeNullOrEmpty();
        state.ETag.Should().NotBe(afterFirst);
        state.RecordExists.Should().BeTrue();
        (await ReadAsync(grainId)).ETag.Should().Be(state.ETag);
    }

    [Fact]
    public async Task Clearing_empties_the_state_and_a_writer_that_read_before_the_clear_loses()
    {
        var grainId = GrainIdFor("cleared");
        await WriteAsync(grainId, 5);
        var clearer = await ReadAsync(grainId);
        var staleWriter = await ReadAsync(grainId);

        await Storage.ClearStateAsync(CounterGrain.StateName, grainId, clearer);

        var afterClear = await ReadAsync(grainId);
        afterClear.RecordExists.Should().BeFalse();
        afterClear.State!.Value.Should().Be(0);
        afterClear.ETag.Should().Be(clearer.ETag);
        staleWriter.State!.Value = 6;
        var staleWrite = () => Storage.WriteStateAsync(CounterGrain.StateName, grainId, staleWriter);
        await staleWrite.Should().ThrowAsync<InconsistentStateException>();
        afterClear.State!.Value = 7;
        await Storage.WriteStateAsync(CounterGrain.StateName, grainId, afterClear);
        (await ReadAsync(grainId)).State!.Value.Should().Be(7);
    }

    [Fact]
    public async Task A_stale_clear_is_rejected_by_the_etag()
    {
        var grainId = GrainIdFor("stale-clear");
        await WriteAsync(grainId, 1);
        var stale = await ReadAsync(grainId);
        await WriteAsync(grainId, 2);

        var staleClear = () => Storage.ClearStateAsync(CounterGrain.StateName, grainId, stale);

        await staleClear.Should().ThrowAsync<InconsistentStateException>();
        (await ReadAsync(grainId)).State!.Value.Should().Be(2);
    }

    [Fact]
    public async Task Integer_guid_and_compound_keys_do_not_share_state()
    {
        var guid = Guid.NewGuid();
        GrainId[] ids =
        [
            GrainId.Create("counter", "plain-string"),
            GrainId.Create(GrainType.Create("counter"), GrainIdKeyExtensions.CreateIntegerKey(7)),
            GrainId.Create(GrainType.Create("counter"), GrainIdKeyExtensions.CreateIntegerKey(7, "ext")),
            GrainId.Create(GrainType.Create("counter"), GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(GrainType.Create("counter"), GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
        ];

        for (var i = 0; i < ids.Length; i++) await WriteAsync(ids[i], 100 + i);

        for (var i = 0; i < ids.Length; i++) (await ReadAsync(ids[i])).State!.Value.Should().Be(100 + i);
    }

    private static GrainId GrainIdFor(string key) => GrainId.Create("counter", key);

    private async Task<IGrainState<CounterState>> ReadAsync(GrainId grainId)
    {
        IGrainState<CounterState> state = new GrainState<CounterState>();
        await Storage.ReadStateAsync(CounterGrain.StateName, grainId, state);
        return state;
    }

    private async Task WriteAsync(GrainId grainId, int value)
    {
        var state = await ReadAsync(grainId);
        state.State!.Value = value;
        await Storage.WriteStateAsync(CounterGrain.StateName, grainId, state);
    }
}
