using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;
using static Commerce.Postgres.Streams.Tests.StreamLogDatabase;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class StreamLogDeadLetterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Dead_letters_are_stored_with_the_event_and_read_back_per_group_in_position_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 1 });
        var stream = StreamId.Create("behaviour", "user-9");
        for (var n = 1; n <= 3; n++) await log.AppendAsync(stream, "item-viewed", Json($$"""{"n":{{n}},"item":"sku-{{n}}"}"""));
        var events = await log.ReadAsync(0, 0, 10);

        await log.AddDeadLetterAsync("recommender", events[2], "item sku-3 is not in the catalog", 3);
        await log.AddDeadLetterAsync("recommender", events[1], "timeout", 1);
        await log.AddDeadLetterAsync("analytics", events[0], "schema mismatch", 5);

        var letters = await log.ReadDeadLettersAsync("recommender");
        letters.Select(l => l.Event.Sequence).Should().Equal(2, 3);
        var last = letters[1];
        last.ConsumerGroup.Should().Be("recommender");
        last.Error.Should().Be("item sku-3 is not in the catalog");
        last.Attempts.Should().Be(3);
        last.Event.Should().BeEquivalentTo(events[2], o => o.Excluding(e => e.Payload).Excluding(e => e.AppendedAt));
        last.Event.AppendedAt.Should().BeCloseTo(events[2].AppendedAt, TimeSpan.FromMilliseconds(1));
        SameJson(last.Event.Payload, events[2].Payload).Should().BeTrue();
        last.FailedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        (await log.ReadDeadLettersAsync("analytics")).Should().ContainSingle().Which.Error.Should().Be("schema mismatch");
    }

    [Fact]
    public async Task Recording_a_dead_letter_again_keeps_the_latest_error_adds_the_attempts_and_removing_it_deletes_it()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 1 });
        var stream = StreamId.Create("behaviour", "user-9");
        for (var n = 1; n <= 5; n++) await log.AppendAsync(stream, "item-viewed", Json($$"""{"n":{{n}}}"""));
        var events = await log.ReadAsync(0, 0, 10);
        foreach (var e in events) await log.AddDeadLetterAsync("recommender", e, "first failure", 1);

        await log.AddDeadLetterAsync("recommender", events[0], "second failure", 2);
        var page1 = await log.ReadDeadLettersAsync("recommender", maxCount: 2);
        var page2 = await log.ReadDeadLettersAsync("recommender", page1[^1].Event.Position, maxCount: 2);

        page1.Select(l => (l.Event.Sequence, l.Error, l.Attempts)).Should().Equal((1L, "second failure", 3), (2L, "first failure", 1));
        page2.Select(l => l.Event.Sequence).Should().Equal(3, 4);
        (await log.RemoveDeadLetterAsync("recommender", events[0].Position)).Should().BeTrue();
        (await log.RemoveDeadLetterAsync("recommender", events[0].Position)).Should().BeFalse();
        (await log.ReadDeadLettersAsync("recommender")).Select(l => l.Event.Sequence).Should().Equal(2, 3, 4, 5);
    }

    [Fact]
    public async Task Dead_letters_outlive_retention_of_the_log()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 1 });
        var stream = StreamId.Create("behaviour", "user-9");
        for (var n = 1; n <= 3; n++) await log.AppendAsync(stream, "item-viewed", Json($$"""{"n":{{n}}}"""));
        var events = await log.ReadAsync(0, 0, 10);
        await log.AddDeadLetterAsync("recommender", events[1], "boom", 4);
        await log.SaveCheckpointAsync("recommender", 0, 3);

        (await log.DeleteBeforeAsync(0, 4)).Should().Be(3);

        (await log.ReadAsync(0, 0, 10)).Should().BeEmpty();
        (await log.ReadDeadLettersAsync("recommender")).Should().ContainSingle().Which.Event.Sequence.Should().Be(2);
    }
}
