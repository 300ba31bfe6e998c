using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;
using static Commerce.Postgres.Streams.Tests.StreamLogDatabase;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class StreamLogFailureTests(PostgresFixture postgres)
{
    private static readonly StreamId s_stream = StreamId.Create("behaviour", "user-1");

    [Fact]
    public async Task A_flush_whose_connection_is_killed_fails_its_appends_with_StreamLogException_and_later_appends_succeed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await CreateAsync(postgres));
        await using var admin = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 1, MaxBatchDelay = TimeSpan.FromMilliseconds(100) });
        (await log.AppendAsync(s_stream, "item-viewed", Json("""{"n":0}"""))).Should().Be(1);

        // Hold the partition's row lock, so the next flush stops mid-transaction, waiting for it.
        await using var blocker = await dataSource.OpenConnectionAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT next_sequence FROM stream_partitions WHERE partition = 0 FOR UPDATE", blocker, blocking))
        {
            await lockRow.ExecuteScalarAsync();
        }
        var doomed = Enumerable.Range(1, 10).Select(n => log.AppendAsync(s_stream, "item-viewed", Json($$"""{"n":{{n}}}""")).AsTask()).ToArray();

        // Kill every backend of the log that waits for the lock until all appends have failed.
        var killed = 0;
        while (!doomed.All(t => t.IsCompleted))
        {
            await using var terminate = admin.CreateCommand("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> $2
                """);
            terminate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = blocker.Database });
            terminate.Parameters.Add(new NpgsqlParameter<int> { TypedValue = blocker.ProcessID });
            killed += (int)(long)(await terminate.ExecuteScalarAsync())!;
            await Task.WhenAny(Task.WhenAll(doomed), Task.Delay(20));
        }

        killed.Should().BeGreaterThan(0);
        foreach (var append in doomed)
        {
            var failure = (await FluentActions.Awaiting(() => append).Should().ThrowAsync<StreamLogException>()).Which;
            failure.Partition.Should().Be(0);
            failure.Stream.Should().Be(s_stream);
            failure.InnerException.Should().NotBeNull();
        }
        await blocking.RollbackAsync();

        (await log.AppendAsync(s_stream, "item-viewed", Json("""{"n":11}"""))).Should().Be(2, "the failed flush claimed no sequence");
        (await ReadAllAsync(log, 0)).Select(e => e.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Appends_to_a_database_without_the_stream_tables_fail_with_StreamLogException_and_work_once_they_exist()
    {
        var connectionString = await CreateDedicatedAsync(postgres);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var log = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 2 });
        await ExecuteAsync(dataSource, "ALTER TABLE stream_events RENAME TO stream_events_away");

        var append = () => log.AppendAsync(s_stream, "item-viewed", Json("{}")).AsTask();

        var failure = (await append.Should().ThrowAsync<StreamLogException>()).Which;
        failure.Stream.Should().Be(s_stream);
        failure.Partition.Should().Be(log.GetPartition(s_stream));
        failure.InnerException.Should().BeAssignableTo<NpgsqlException>();

        await ExecuteAsync(dataSource, "ALTER TABLE stream_events_away RENAME TO stream_events");
        (await append()).Should().Be(1);
    }

    [Fact]
    public async Task Reads_of_an_unreachable_database_fail_with_StreamLogException_naming_the_partition()
    {
        var missing = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "no_such_database", Timeout = 2 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(missing);
        await using var log = new PostgresStreamLog(dataSource);

        (await FluentActions.Awaiting(() => log.ReadAsync(3, 0, 10)).Should().ThrowAsync<StreamLogException>()).Which.Partition.Should().Be(3);
        await FluentActions.Awaiting(() => log.GetHeadsAsync()).Should().ThrowAsync<StreamLogException>();
    }

    [Fact]
    public async Task A_log_configured_with_fewer_partitions_than_the_database_has_refuses_to_append()
    {
        var connectionString = await CreateAsync(postgres);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var eight = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 8 }))
        {
            await eight.AppendAsync(s_stream, "item-viewed", Json("{}"));
        }

        await using var four = new PostgresStreamLog(dataSource, new PostgresStreamLogOptions { PartitionCount = 4 });
        var append = () => four.AppendAsync(s_stream, "item-viewed", Json("{}")).AsTask();

        (await append.Should().ThrowAsync<StreamLogException>()).Which.Message.Should().Contain("PartitionCount");
    }
}
