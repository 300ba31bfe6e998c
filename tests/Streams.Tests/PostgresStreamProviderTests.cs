using System.Text.Json;
using Commerce.Postgres.Streams.Tests.Grains;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Providers;
using Orleans.Streams;
using Orleans.TestingHost;
using Xunit.Abstractions;
using static Commerce.Postgres.Streams.Tests.StreamLogDatabase;

namespace Commerce.Postgres.Streams.Tests;

/// <summary>The Orleans persistent stream provider over the log, in in-process clusters on a real PostgreSQL.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresStreamProviderTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan s_deliveryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A dead silo is declared dead after missed probes, about 15 s in a test cluster; then its partitions move.</summary>
    private static readonly TimeSpan s_failoverTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Events_from_a_client_and_a_grain_reach_the_implicit_subscriber_in_order_per_stream()
    {
        await using var cluster = await StreamCluster.StartAsync(await CreateAsync(postgres));
        var run = Guid.NewGuid().ToString("N");
        var fromClient = Enumerable.Range(0, 10).Select(i => $"client-{run}-{i}").ToArray();
        var fromGrain = Enumerable.Range(0, 10).Select(i => $"grain-{run}-{i}").ToArray();

        // Streams are produced concurrently; each stream's events one after the other, or as batches.
        await Task.WhenAll(
            Task.WhenAll(fromClient.Select(async user =>
            {
                var stream = cluster.Streams().GetStream<Click>(StreamId.Create(TestStreams.Clicks, user));
                for (var n = 0; n < 30; n++) await stream.OnNextAsync(new Click(user, n));
            })),
            Task.WhenAll(fromGrain.Select(async user =>
            {
                var producer = cluster.Client.GetGrain<IClickProducerGrain>(user);
                await producer.ProduceAsync(TestStreams.Clicks, user, 0, 10, asBatch: false);
                await producer.ProduceAsync(TestStreams.Clicks, user, 10, 20, asBatch: true);
            })));

        foreach (var user in fromClient.Concat(fromGrain))
        {
            var deliveries = await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Count >= 30, s_deliveryTimeout);
            deliveries.Select(d => d.Number).Should().Equal(Enumerable.Range(0, 30), "the events of {0} arrive once each, in the order they were produced", user);
            deliveries.Select(d => d.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("tokens are the events' sequences in their partition");
        }
    }

    [Fact]
    public async Task Events_are_stored_as_readable_json_under_their_orleans_type_name()
    {
        await using var cluster = await StreamCluster.StartAsync(await CreateAsync(postgres));
        var user = $"stored-{Guid.NewGuid():N}";
        var streamId = StreamId.Create(TestStreams.Clicks, user);

        await cluster.Streams().GetStream<Click>(streamId).OnNextAsync(new Click(user, 7));

        var log = StreamCluster.ProviderOf(cluster.Silos[0]).Log;
        var stored = (await ReadAllAsync(log, log.GetPartition(streamId))).Should().ContainSingle().Subject;
        stored.Stream.Should().Be(streamId);
        stored.EventType.Should().Be("test.click", "the type's Orleans alias names it");
        SameJson(stored.Payload, Json($$"""{"user":"{{user}}","number":7}""")).Should().BeTrue();
    }

    [Fact]
    public async Task An_event_is_not_acknowledged_before_it_is_committed()
    {
        var connectionString = await CreateAsync(postgres);
        await using var cluster = await StreamCluster.StartAsync(connectionString);
        var user = $"committed-{Guid.NewGuid():N}";
        var streamId = StreamId.Create(TestStreams.Clicks, user);
        var stream = cluster.Streams().GetStream<Click>(streamId);
        var log = StreamCluster.ProviderOf(cluster.Silos[0]).Log;
        var partition = log.GetPartition(streamId);
        await stream.OnNextAsync(new Click(user, 0));

        // Hold the partition's row lock: the append's transaction waits for it, uncommitted.
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var blocker = await dataSource.OpenConnectionAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT next_sequence FROM stream_partitions WHERE partition = {partition} FOR UPDATE", blocker, blocking))
        {
            await lockRow.ExecuteScalarAsync();
        }
        var produced = stream.OnNextAsync(new Click(user, 1));

        await Task.Delay(TimeSpan.FromSeconds(1));
        produced.IsCompleted.Should().BeFalse("the event's transaction has not committed");
        (await log.GetHeadAsync(partition)).Should().Be(1);

        await blocking.RollbackAsync();
        await produced.WaitAsync(s_deliveryTimeout);
        (await log.GetHeadAsync(partition)).Should().Be(2, "the acknowledged event is committed");
        (await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Count >= 2, s_deliveryTimeout)).Select(d => d.Number).Should().Equal(0, 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_silo_stops_or_dies_the_surviving_silo_resumes_every_partition_from_its_checkpoint(bool dies)
    {
        var connectionString = await CreateAsync(postgres);
        await using var cluster = await StreamCluster.StartAsync(connectionString, silos: 2);
        var run = Guid.NewGuid().ToString("N");
        // Enough streams that every partition, whichever silo owns it, has some.
        var users = Enumerable.Range(0, 40).Select(i => $"failover-{run}-{i}").ToArray();
        var provider = StreamCluster.ProviderOf(cluster.Silos[0]);

        // Phase 1, before the stop: delivered and checkpointed by both silos.
        await ProduceAsync(cluster, users, first: 0, count: 5);
        await WaitForDeliveriesAsync(users, 5, s_deliveryTimeout);
        await WaitForCheckpointsAtHeadsAsync(provider.Log, provider.ConsumerGroup);
        var silosBefore = users.SelectMany(DeliverySink.Of).Select(d => d.Silo).Distinct().Count();

        // Phase 2, produced while the silo stops (its agents shut down) or dies (they just vanish, and the
        // cluster takes a while to declare it dead): in flight, maybe delivered, maybe not checkpointed.
        var stopping = dies ? cluster.KillSiloAsync(cluster.Silos[1]) : cluster.StopSiloAsync(cluster.Silos[1]);
        await ProduceAsync(cluster, users, first: 5, count: 5);
        await stopping;
        // Phase 3, after the stop.
        await ProduceAsync(cluster, users, first: 10, count: 5);
        await WaitForDeliveriesAsync(users, 15, s_failoverTimeout);

        silosBefore.Should().Be(2, "both silos ran agents before one stopped");
        var survivor = cluster.Silos.Single().SiloAddress.ToString();
        foreach (var user in users)
        {
            var deliveries = DeliverySink.Of(user);
            deliveries.Select(d => d.Number).Distinct().Order().Should().Equal(Enumerable.Range(0, 15), "no event of {0} is lost", user);
            deliveries.Where(d => d.Number < 5).Should().HaveCount(5, "events checkpointed before the stop are not delivered again");
            deliveries.Where(d => d.Number >= 10).Should().OnlyContain(d => d.Silo.Contains(survivor, StringComparison.Ordinal), "the survivor delivers after the stop");
        }
        var duplicates = users.Sum(u => DeliverySink.Of(u).Count - DeliverySink.Of(u).Select(d => d.Number).Distinct().Count());
        output.WriteLine($"{duplicates} duplicate deliveries of {users.Length * 15} events");
        duplicates.Should().BeLessThanOrEqualTo(users.Length * 5, "only events in flight during the stop may be delivered twice");
    }

    [Fact]
    public async Task A_consumer_that_keeps_throwing_does_not_stall_its_stream_and_the_event_goes_to_the_dead_letters()
    {
        await using var cluster = await StreamCluster.StartAsync(
            await CreateAsync(postgres),
            configureStream: stream =>
            {
                stream.ConfigurePullingAgent(agent => agent.Configure(o => o.MaxEventDeliveryTime = TimeSpan.FromSeconds(1)));
                stream.ConfigureBackoffProvider((_, _) => new FixedDeliveryBackoff(TimeSpan.FromMilliseconds(100)));
            });
        var user = $"poisoned-{Guid.NewGuid():N}";
        var streamId = StreamId.Create(TestStreams.Clicks, user);
        var provider = StreamCluster.ProviderOf(cluster.Silos[0]);

        await cluster.Streams().GetStream<Click>(streamId).OnNextBatchAsync([new Click(user, 1), new Click(user, Click.Poison), new Click(user, 2)]);

        (await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Count >= 2, s_deliveryTimeout)).Select(d => d.Number).Should().Equal(1, 2);
        var letter = (await Eventually.GetAsync(() => provider.Log.ReadDeadLettersAsync(provider.ConsumerGroup), l => l.Count >= 1, s_deliveryTimeout)).Should().ContainSingle().Subject;
        letter.Event.Stream.Should().Be(streamId);
        letter.Event.Sequence.Should().Be(2);
        letter.Attempts.Should().Be(1, "one delivery window was given up");
        JsonDocument.Parse(letter.Event.Payload).RootElement.GetProperty("number").GetInt32().Should().Be(Click.Poison);
        var partition = provider.Log.GetPartition(streamId);
        (await Eventually.GetAsync(() => provider.Log.GetCheckpointAsync(provider.ConsumerGroup, partition), c => c >= 3, s_deliveryTimeout)).Should().Be(3, "the checkpoint moves past the dead letter");
    }

    [Fact]
    public async Task An_event_whose_type_cannot_be_read_goes_to_the_dead_letters_and_the_stream_moves_on()
    {
        await using var cluster = await StreamCluster.StartAsync(await CreateAsync(postgres));
        var user = $"unreadable-{Guid.NewGuid():N}";
        var streamId = StreamId.Create(TestStreams.Clicks, user);
        var provider = StreamCluster.ProviderOf(cluster.Silos[0]);

        // A producer of another version wrote a type this one does not know.
        await provider.Log.AppendAsync(streamId, "test.no-such-type", Json("""{"number":1}"""));
        await cluster.Streams().GetStream<Click>(streamId).OnNextAsync(new Click(user, 2));

        (await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Count >= 1, s_deliveryTimeout)).Select(d => d.Number).Should().Equal(2);
        var letter = (await Eventually.GetAsync(() => provider.Log.ReadDeadLettersAsync(provider.ConsumerGroup), l => l.Count >= 1)).Should().ContainSingle().Subject;
        letter.Event.EventType.Should().Be("test.no-such-type");
        letter.Error.Should().Contain("could not be read");
    }

    [Fact]
    public async Task An_explicit_subscriber_gets_the_events_of_its_stream()
    {
        await using var cluster = await StreamCluster.StartAsync(await CreateAsync(postgres));
        var subscriber = $"subscriber-{Guid.NewGuid():N}";
        var feed = $"feed-{Guid.NewGuid():N}";
        await cluster.Client.GetGrain<IFeedSubscriberGrain>(subscriber).SubscribeAsync(feed);

        await cluster.Streams().GetStream<Click>(StreamId.Create(TestStreams.Feed, feed)).OnNextBatchAsync([new Click(feed, 1), new Click(feed, 2)]);

        (await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(subscriber)), d => d.Count >= 2, s_deliveryTimeout)).Select(d => d.Number).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Retention_deletes_delivered_events_past_their_age()
    {
        await using var cluster = await StreamCluster.StartAsync(await CreateAsync(postgres), configureOptions: o =>
        {
            o.Retention = TimeSpan.FromMilliseconds(1);
            o.RetentionPeriod = TimeSpan.FromMilliseconds(100);
        });
        var user = $"retained-{Guid.NewGuid():N}";
        var streamId = StreamId.Create(TestStreams.Clicks, user);
        var log = StreamCluster.ProviderOf(cluster.Silos[0]).Log;
        var partition = log.GetPartition(streamId);

        await cluster.Streams().GetStream<Click>(streamId).OnNextBatchAsync(Enumerable.Range(0, 5).Select(n => new Click(user, n)));
        await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Count >= 5, s_deliveryTimeout);

        var left = await Eventually.GetAsync(() => log.ReadAsync(partition, 0, 10), events => events.Count == 0, s_deliveryTimeout);
        left.Should().BeEmpty("every event was delivered and checkpointed, and is older than the retention");
        (await log.GetHeadAsync(partition)).Should().Be(5, "sequences go on from the head");
    }

    [Fact]
    public async Task Producing_with_a_sequence_token_is_refused()
    {
        await using var cluster = await StreamCluster.StartAsync(await CreateAsync(postgres));
        var stream = cluster.Streams().GetStream<Click>(StreamId.Create(TestStreams.Clicks, "token"));

        await FluentActions.Awaiting(() => stream.OnNextAsync(new Click("token", 1), new Orleans.Providers.Streams.Common.EventSequenceToken(5)))
            .Should().ThrowAsync<ArgumentException>();
    }

    private static Task ProduceAsync(InProcessTestCluster cluster, IEnumerable<string> users, int first, int count) =>
        Task.WhenAll(users.Select(user => cluster.Streams().GetStream<Click>(StreamId.Create(TestStreams.Clicks, user))
            .OnNextBatchAsync(Enumerable.Range(first, count).Select(n => new Click(user, n)))));

    private static async Task WaitForDeliveriesAsync(IEnumerable<string> users, int distinctNumbers, TimeSpan timeout)
    {
        foreach (var user in users)
        {
            await Eventually.GetAsync(() => Task.FromResult(DeliverySink.Of(user)), d => d.Select(x => x.Number).Distinct().Count() >= distinctNumbers, timeout);
        }
    }

    private static async Task WaitForCheckpointsAtHeadsAsync(PostgresStreamLog log, string group)
    {
        var heads = await log.GetHeadsAsync();
        for (var partition = 0; partition < heads.Length; partition++)
        {
            var head = heads[partition];
            (await Eventually.GetAsync(() => log.GetCheckpointAsync(group, partition), c => c >= head, s_deliveryTimeout)).Should().Be(head);
        }
    }

    /// <summary>A short, fixed wait between delivery retries, so a test sees Orleans give up within seconds.</summary>
    private sealed class FixedDeliveryBackoff(TimeSpan delay) : IMessageDeliveryBackoffProvider
    {
        public TimeSpan Next(int attempt) => delay;
    }
}
