using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;
using static Commerce.Postgres.Streams.Tests.StreamLogDatabase;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class StreamLogCheckpointTests(PostgresFixture postgres)
{
    private static readonly PostgresStreamLogOptions s_options = new() { PartitionCount = 2 };
    private static readonly StreamId s_stream = StreamId.Create("behaviour", "user-1");

    [Fact]
    public async Task A_checkpoint_never_moves_backwards()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, s_options);
        var partition = await AppendAsync(log, 10);

        (await log.GetCheckpointAsync("recommender", partition)).Should().BeNull();
        (await log.SaveCheckpointAsync("recommender", partition, 5)).Should().BeTrue();
        (await log.SaveCheckpointAsync("recommender", partition, 3)).Should().BeFalse();
        (await log.SaveCheckpointAsync("recommender", partition, 5)).Should().BeFalse();
        (await log.GetCheckpointAsync("recommender", partition)).Should().Be(5);
        (await log.SaveCheckpointAsync("recommender", partition, 7)).Should().BeTrue();
        (await log.GetCheckpointAsync("recommender", partition)).Should().Be(7);
        (await log.GetCheckpointAsync("analytics", partition)).Should().BeNull("groups are independent");
    }

    [Fact]
    public async Task A_checkpoint_beyond_the_head_of_the_partition_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, s_options);
        var partition = await AppendAsync(log, 3);

        await FluentActions.Awaiting(() => log.SaveCheckpointAsync("recommender", partition, 4)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        (await log.GetCheckpointAsync("recommender", partition)).Should().BeNull();
    }

    [Fact]
    public async Task Deleting_before_a_sequence_stops_at_the_lowest_checkpoint_of_the_registered_groups()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, s_options);
        var partition = await AppendAsync(log, 10);
        await log.SaveCheckpointAsync("recommender", partition, 6);
        await log.SaveCheckpointAsync("analytics", partition, 3);

        (await log.DeleteBeforeAsync(partition, 100)).Should().Be(3, "analytics has processed only up to 3");
        (await Sequences(log, partition)).Should().Equal(4, 5, 6, 7, 8, 9, 10);

        await log.SaveCheckpointAsync("analytics", partition, 9);
        (await log.DeleteBeforeAsync(partition, 5)).Should().Be(1, "the requested bound is lower than the checkpoints");
        (await log.DeleteBeforeAsync(partition, 100)).Should().Be(2, "recommender has processed only up to 6");
        (await Sequences(log, partition)).Should().Equal(7, 8, 9, 10);
        (await log.GetHeadAsync(partition)).Should().Be(10, "retention does not move the head");
        (await log.AppendAsync(s_stream, "item-viewed", Json("{}"))).Should().Be(11);
    }

    [Fact]
    public async Task A_partition_no_group_has_checkpointed_keeps_every_event()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, s_options);
        var partition = await AppendAsync(log, 5);

        (await log.DeleteBeforeAsync(partition, 100)).Should().Be(0);
        (await log.ApplyRetentionAsync(TimeSpan.Zero)).Should().Be(0);

        await log.RegisterConsumerGroupAsync("recommender");
        (await log.GetCheckpointAsync("recommender", 1 - partition)).Should().Be(0, "registration checkpoints every partition at 0");
        (await log.DeleteBeforeAsync(partition, 100)).Should().Be(0, "a registered group that has processed nothing holds everything");

        await log.SaveCheckpointAsync("recommender", partition, 5);
        await log.RegisterConsumerGroupAsync("recommender");
        (await log.GetCheckpointAsync("recommender", partition)).Should().Be(5, "registering again keeps checkpoints");
        await log.UnregisterConsumerGroupAsync("recommender");
        (await log.DeleteBeforeAsync(partition, 100)).Should().Be(0, "with its last group gone the partition has no known consumer");
    }

    [Fact]
    public async Task Retention_by_age_deletes_old_events_but_never_past_the_lowest_checkpoint()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, s_options);
        var partition = await AppendAsync(log, 10);
        // Events 1..6 were appended two hours ago, 7..10 just now.
        await ExecuteAsync(dataSource, $"UPDATE stream_events SET appended_at = appended_at - interval '2 hours' WHERE sequence <= 6");
        await log.SaveCheckpointAsync("recommender", partition, 8);
        await log.SaveCheckpointAsync("analytics", partition, 4);

        (await log.ApplyRetentionAsync(TimeSpan.FromHours(1))).Should().Be(4, "analytics has processed only up to 4");
        (await Sequences(log, partition)).Should().Equal(5, 6, 7, 8, 9, 10);

        await log.SaveCheckpointAsync("analytics", partition, 10);
        (await log.ApplyRetentionAsync(TimeSpan.FromHours(1))).Should().Be(2, "7 and later are younger than an hour");
        (await log.ApplyRetentionAsync(TimeSpan.Zero)).Should().Be(2, "recommender has processed only up to 8");
        (await Sequences(log, partition)).Should().Equal(9, 10);
    }

    private static async Task<int> AppendAsync(PostgresStreamLog log, int count)
    {
        for (var n = 1; n <= count; n++) await log.AppendAsync(s_stream, "item-viewed", Json($$"""{"n":{{n}}}"""));
        return log.GetPartition(s_stream);
    }

    private static async Task<IEnumerable<long>> Sequences(PostgresStreamLog log, int partition) =>
        (await ReadAllAsync(log, partition)).Select(e => e.Sequence);
}
