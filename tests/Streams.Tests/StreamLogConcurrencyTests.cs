using System.Collections.Concurrent;
using System.Text.Json;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;
using static Commerce.Postgres.Streams.Tests.StreamLogDatabase;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams.Tests;

/// <summary>
/// Two logs over two data sources stand for two silos appending to the same partitions at once.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class StreamLogConcurrencyTests(PostgresFixture postgres)
{
    private const int Producers = 16;
    private const int EventsPerProducer = 150;
    private const int StreamsPerProducer = 3;

    // Few partitions and small flushes, so the two silos contend for the same partitions often.
    private static readonly PostgresStreamLogOptions s_options = new() { PartitionCount = 3, MaxBatchSize = 16, MaxBatchDelay = TimeSpan.Zero };

    [Fact]
    public async Task Sequences_are_dense_and_strictly_increasing_per_partition_under_16_producers_on_two_logs()
    {
        var connectionString = await CreateAsync(postgres);
        await using var silo1 = NpgsqlDataSource.Create(connectionString);
        await using var silo2 = NpgsqlDataSource.Create(connectionString);
        await using var log1 = new PostgresStreamLog(silo1, s_options);
        await using var log2 = new PostgresStreamLog(silo2, s_options);

        var acknowledged = await RunProducersAsync(log1, log2);

        acknowledged.Should().HaveCount(Producers * EventsPerProducer);
        var heads = await log1.GetHeadsAsync();
        for (var p = 0; p < s_options.PartitionCount; p++)
        {
            var stored = await ReadAllAsync(log1, p);
            stored.Select(e => e.Sequence).Should().Equal(LongRange(1, heads[p]), $"partition {p} has no gap and no duplicate");
            stored.Select(Identity).Order(StringComparer.Ordinal).Should().Equal(
                acknowledged.Values.Where(a => a.Partition == p).Select(a => a.Id).Order(StringComparer.Ordinal), "the partition holds exactly the events acknowledged there");
            stored.Should().OnlyContain(e => acknowledged[Identity(e)].Sequence == e.Sequence, "each event sits at the sequence its append returned");
        }
        heads.Sum().Should().Be(Producers * EventsPerProducer);
        foreach (var stream in acknowledged.Values.GroupBy(a => a.Stream))
        {
            stream.OrderBy(a => a.N).Select(a => a.Sequence).Should().BeInAscendingOrder("a producer's events of one stream are sequenced in the order it appended them");
        }
    }

    [Fact]
    public async Task A_reader_polling_while_two_logs_append_never_skips_an_event()
    {
        var connectionString = await CreateAsync(postgres);
        await using var silo1 = NpgsqlDataSource.Create(connectionString);
        await using var silo2 = NpgsqlDataSource.Create(connectionString);
        await using var readerSource = NpgsqlDataSource.Create(connectionString);
        await using var log1 = new PostgresStreamLog(silo1, s_options);
        await using var log2 = new PostgresStreamLog(silo2, s_options);
        await using var reader = new PostgresStreamLog(readerSource, s_options);

        using var producersDone = new CancellationTokenSource();
        var seen = new ConcurrentDictionary<string, long>();
        var pollers = Enumerable.Range(0, s_options.PartitionCount).Select(p => Task.Run(async () =>
        {
            long position = 0;
            var caughtUpAfterProducers = false;
            while (!caughtUpAfterProducers)
            {
                // Decided before reading: a page read after the producers finished that comes back
                // short means this partition holds nothing more.
                var finished = producersDone.IsCancellationRequested;
                var page = await reader.ReadAsync(p, position, 50);
                foreach (var e in page)
                {
                    e.Sequence.Should().Be(position + 1, $"the reader of partition {p} must never skip a sequence");
                    position = e.Sequence;
                    seen.TryAdd(Identity(e), e.Sequence).Should().BeTrue();
                }
                caughtUpAfterProducers = finished && page.Count < 50;
                if (page.Count == 0 && !finished) await Task.Delay(1);
            }
        })).ToArray();

        var acknowledged = await RunProducersAsync(log1, log2);
        await producersDone.CancelAsync();
        await Task.WhenAll(pollers);

        seen.Keys.Order(StringComparer.Ordinal).Should().Equal(acknowledged.Keys.Order(StringComparer.Ordinal), "the union of the reads is exactly the acknowledged appends");
        seen.Should().OnlyContain(s => acknowledged[s.Key].Sequence == s.Value);
    }

    private static async Task<ConcurrentDictionary<string, Acknowledged>> RunProducersAsync(PostgresStreamLog log1, PostgresStreamLog log2)
    {
        var acknowledged = new ConcurrentDictionary<string, Acknowledged>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producers = Enumerable.Range(0, Producers).Select(producer => Task.Run(async () =>
        {
            var log = producer % 2 == 0 ? log1 : log2;
            var random = new Random(producer);
            await start.Task;
            for (var n = 0; n < EventsPerProducer; n++)
            {
                var stream = StreamId.Create("behaviour", $"p{producer}-s{random.Next(StreamsPerProducer)}");
                var id = $"{producer}:{n}";
                var sequence = await log.AppendAsync(stream, "item-viewed", Json($$"""{"id":"{{id}}","n":{{n}}}"""));
                acknowledged.TryAdd(id, new Acknowledged(id, stream, n, log.GetPartition(stream), sequence)).Should().BeTrue();
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(producers);
        return acknowledged;
    }

    private static string Identity(StreamEvent e) => JsonDocument.Parse(e.Payload).RootElement.GetProperty("id").GetString()!;

    private static IEnumerable<long> LongRange(long first, long last)
    {
        for (var i = first; i <= last; i++) yield return i;
    }

    private sealed record Acknowledged(string Id, StreamId Stream, int N, int Partition, long Sequence);
}
