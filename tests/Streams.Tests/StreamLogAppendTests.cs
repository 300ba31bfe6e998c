using Commerce.Testing.Infrastructure;
using FluentAssertions;
using System.Text.Json;
using Npgsql;
using static Commerce.Postgres.Streams.Tests.StreamLogDatabase;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class StreamLogAppendTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Appended_events_read_back_in_per_stream_order_with_their_payload_intact()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 4 });
        var streams = Enumerable.Range(0, 12).Select(i => StreamId.Create("behaviour", $"user-{i}")).ToArray();
        var payload = (StreamId s, int n) => Json($$"""{"user":"{{s.GetKeyAsString()}}","n":{{n}},"text":"été \"北京\" 🛒\n","price":19.99,"tags":["a",null,true]}""");

        // Each stream's producer waits for each append before the next; the streams run concurrently.
        var acknowledged = await Task.WhenAll(streams.Select(async s =>
        {
            var sequences = new List<long>();
            for (var n = 0; n < 25; n++) sequences.Add(await log.AppendAsync(s, "item-viewed", payload(s, n)));
            return (Stream: s, Sequences: sequences);
        }));

        var read = new List<StreamEvent>();
        for (var p = 0; p < log.PartitionCount; p++) read.AddRange(await ReadAllAsync(log, p, pageSize: 7));
        read.Should().HaveCount(12 * 25);
        foreach (var (stream, sequences) in acknowledged)
        {
            var events = read.Where(e => e.Stream == stream).ToList();
            events.Select(e => e.Sequence).Should().Equal(sequences, "each event is read back at the sequence its append returned");
            events.Should().OnlyContain(e => e.Partition == log.GetPartition(stream) && e.EventType == "item-viewed");
            for (var n = 0; n < events.Count; n++) events[n].Payload.ToArray().Should().Equal(payload(stream, n), "the payload is stored byte for byte");
        }
    }

    [Fact]
    public async Task A_batch_is_committed_atomically_with_consecutive_sequences_in_its_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource);
        var stream = StreamId.Create("behaviour", "user-7");
        var batch = Enumerable.Range(0, 5).Select(n => new StreamEventData($"step-{n}", Json($$"""{"n":{{n}}}"""))).ToArray();

        var before = await log.AppendAsync(stream, "cart-opened", Json("{}"));
        var first = await log.AppendAsync(stream, batch);

        first.Should().Be(before + 1);
        var read = await log.ReadAsync(log.GetPartition(stream), before, 100);
        read.Select(e => e.Sequence).Should().Equal(Enumerable.Range(0, 5).Select(n => first + n));
        read.Select(e => e.EventType).Should().Equal(batch.Select(e => e.EventType));
    }

    [Fact]
    public async Task Reading_replays_from_any_position_and_the_head_is_the_last_committed_sequence()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 2 });
        var stream = StreamId.Create("behaviour", "user-1");
        var partition = log.GetPartition(stream);
        (await log.GetHeadAsync(partition)).Should().Be(0);

        for (var n = 1; n <= 10; n++) await log.AppendAsync(stream, "item-viewed", Json($$"""{"n":{{n}}}"""));

        (await log.GetHeadAsync(partition)).Should().Be(10);
        (await log.GetHeadsAsync()).Should().Equal(partition == 0 ? new long[] { 10, 0 } : new long[] { 0, 10 });
        (await log.ReadAsync(partition, 6, 3)).Select(e => e.Sequence).Should().Equal(7, 8, 9);
        (await log.ReadAsync(partition, 10, 3)).Should().BeEmpty();
        (await log.ReadAsync(1 - partition, 0, 3)).Should().BeEmpty();
    }

    [Fact]
    public async Task Acknowledged_events_survive_a_new_log_instance_and_sequences_continue()
    {
        var connectionString = await CreateAsync(postgres);
        var stream = StreamId.Create("behaviour", "user-3");
        var acknowledged = new List<long>();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var log = new PostgresStreamLog(dataSource))
        {
            acknowledged.AddRange(await Task.WhenAll(Enumerable.Range(0, 50).Select(n => log.AppendAsync(stream, "item-viewed", Json($$"""{"n":{{n}}}""")).AsTask())));
        }

        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var restarted = new PostgresStreamLog(dataSource))
        {
            var partition = restarted.GetPartition(stream);
            (await ReadAllAsync(restarted, partition)).Select(e => e.Sequence).Should().Equal(acknowledged.Order());
            (await restarted.AppendAsync(stream, "item-viewed", Json("{}"))).Should().Be(51);
        }
    }

    [Theory]
    [InlineData("{\"n\": 1")]
    [InlineData("")]
    [InlineData("{\"n\": 1} {\"n\": 2}")]
    [InlineData("{\"text\": \"nul \\u0000 inside\"}")]
    [InlineData("{\"text\": \"lone \\ud800 surrogate\"}")]
    [InlineData("{'single': 'quotes'}")]
    public async Task A_payload_postgres_would_refuse_is_rejected_before_it_is_queued(string json)
    {
        // The refusal comes from the call itself, before any database work.
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var log = new PostgresStreamLog(dataSource);
        var stream = StreamId.Create("behaviour", "user-1");

        var append = () => log.AppendAsync(stream, "item-viewed", Json(json));

        append.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Invalid_utf8_and_bad_event_types_are_rejected_before_they_are_queued()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var log = new PostgresStreamLog(dataSource);
        var stream = StreamId.Create("behaviour", "user-1");

        FluentActions.Invoking(() => log.AppendAsync(stream, "item-viewed", new byte[] { (byte)'"', 0xC3, (byte)'"' })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => log.AppendAsync(stream, "", Json("{}"))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => log.AppendAsync(stream, "tab\there", Json("{}"))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => log.AppendAsync(default, "item-viewed", Json("{}"))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => log.AppendAsync(stream, [])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => log.AppendAsync(StreamId.Create("behaviour"u8, [0xC3, 0x28]), "item-viewed", Json("{}"))).Should().Throw<ArgumentException>("a key must be UTF-8 text");
        FluentActions.Invoking(() => log.AppendAsync(StreamId.Create("behaviour", "nul\0inside"), "item-viewed", Json("{}"))).Should().Throw<ArgumentException>("PostgreSQL text cannot hold NUL");
    }

    [Fact]
    public async Task Stream_ids_read_back_equal_to_those_appended_with_or_without_namespace()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 1 });
        StreamId[] streams = [StreamId.Create((string?)null, "no-namespace"), StreamId.Create("behaviour", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")), StreamId.Create("orders", "été 北京 🛒/42")];

        foreach (var stream in streams) await log.AppendAsync(stream, "item-viewed", Json("{}"));

        (await ReadAllAsync(log, 0)).Select(e => e.Stream).Should().Equal(streams);
    }

    [Fact]
    public async Task An_event_postgres_refuses_in_a_shared_flush_fails_alone_and_its_batch_mates_commit()
    {
        // A database whose encoding cannot hold Chinese text: only the server can tell.
        await using var dataSource = NpgsqlDataSource.Create(await CreateLatin1Async(postgres));
        // A long linger so that all the appends below share one flush.
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 1, MaxBatchDelay = TimeSpan.FromMilliseconds(200) });
        var stream = StreamId.Create("behaviour", "user-1");

        var good = Enumerable.Range(0, 5).Select(n => log.AppendAsync(stream, "item-viewed", Json($$"""{"n":{{n}},"city":"Zürich"}""")).AsTask()).ToList();
        var bad = log.AppendAsync(stream, "item-viewed", Json("""{"city":"北京"}""")).AsTask();
        good.AddRange(Enumerable.Range(5, 5).Select(n => log.AppendAsync(stream, "item-viewed", Json($$"""{"n":{{n}},"city":"Zürich"}""")).AsTask()));

        (await FluentActions.Awaiting(() => bad).Should().ThrowAsync<StreamLogException>()).Which.Stream.Should().Be(stream);
        (await Task.WhenAll(good)).Order().Should().Equal(Enumerable.Range(1, 10).Select(n => (long)n));
        var stored = await ReadAllAsync(log, 0);
        stored.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 10).Select(n => (long)n));
        stored.Should().OnlyContain(e => SameJson(e.Payload, Json($$"""{"n":{{JsonDocument.Parse(e.Payload).RootElement.GetProperty("n").GetInt32()}},"city":"Zürich"}""")));
    }

    [Fact]
    public async Task Appending_after_dispose_is_refused_and_dispose_waits_for_queued_appends()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { MaxBatchDelay = TimeSpan.FromMilliseconds(50) });
        var stream = StreamId.Create("behaviour", "user-1");
        var queued = Enumerable.Range(0, 20).Select(_ => log.AppendAsync(stream, "item-viewed", Json("{}")).AsTask()).ToArray();

        await log.DisposeAsync();

        await using (var after = new PostgresStreamLog(dataSource))
        {
            (await after.GetHeadsAsync()).Sum().Should().Be(20, "dispose returned after the queued appends were committed");
        }
        (await Task.WhenAll(queued)).Should().OnlyHaveUniqueItems();
        FluentActions.Invoking(() => log.AppendAsync(stream, "item-viewed", Json("{}"))).Should().Throw<ObjectDisposedException>();
    }
}
