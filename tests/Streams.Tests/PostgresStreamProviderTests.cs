using Commerce.Runtime.Postgres.Streams;
using Commerce.Runtime.Streams.Tests.Grains;
using Commerce.Runtime.Testing;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Streams.Tests;

/// <summary>The durable provider over PostgreSQL in an in-process silo: delivery, order, dead letters, checkpoints.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresStreamProviderTests(PostgresFixture postgres)
{
    private static Task<TestCluster> StartAsync(string connectionString, Action<PostgresStreamProviderOptions>? configure = null) =>
        TestCluster.StartAsync(silo => silo.UsePostgresStreams(connectionString, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(10);
            o.RetryBackoff = TimeSpan.FromMilliseconds(10);
            o.MaxRetryBackoff = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        }));

    [Fact]
    public async Task Durable_events_reach_the_implicit_subscriber_in_order_per_stream()
    {
        var connectionString = await StreamLogDatabase.CreateAsync(postgres);
        await using var cluster = await StartAsync(connectionString);
        var provider = cluster.Services.GetStreamProvider(StreamProviderNames.Durable);
        provider.Should().BeOfType<PostgresStreamProvider>();
        var users = Enumerable.Range(0, 20).Select(i => $"user-{i}").ToArray();

        // Producers of different streams run at once; each stream's events are appended in order.
        await Task.WhenAll(users.Select(async user =>
        {
            var stream = provider.GetStream<Click>(StreamId.Create(TestStreams.Clicks, user));
            for (var n = 0; n < 50; n++) await stream.OnNextAsync(new Click(user, n));
        }));

        foreach (var user in users)
        {
            var numbers = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>(user).GetNumbersAsync(), n => n.Count >= 50);
            numbers.Should().Equal(Enumerable.Range(0, 50), "the events of {0} arrive in the order they were produced", user);
        }
    }

    [Fact]
    public async Task A_poison_event_goes_to_the_dead_letters_and_its_partition_moves_on()
    {
        var connectionString = await StreamLogDatabase.CreateAsync(postgres);
        await using var cluster = await StartAsync(connectionString);
        var provider = (PostgresStreamProvider)cluster.Services.GetStreamProvider(StreamProviderNames.Durable);
        var stream = provider.GetStream<Click>(StreamId.Create(TestStreams.Clicks, "poisoned"));

        await stream.OnNextBatchAsync([new Click("poisoned", 1), new Click("poisoned", Click.Poison), new Click("poisoned", 2)]);

        var numbers = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("poisoned").GetNumbersAsync(), n => n.Count >= 2);
        numbers.Should().Equal(1, 2);
        var partition = provider.Log.GetPartition(stream.StreamId);
        var deadLetters = await provider.Log.ReadDeadLettersAsync(provider.ConsumerGroup, default, 10);
        deadLetters.Should().ContainSingle().Which.Should().Match<StreamDeadLetter>(d =>
            d.Event.Stream == stream.StreamId && d.Event.Partition == partition && d.Attempts == 3 && d.Error.Contains("A poison click."));
        var checkpoint = await Eventually.GetAsync(() => provider.Log.GetCheckpointAsync(provider.ConsumerGroup, partition), c => c >= 3);
        checkpoint.Should().Be(3);
    }

    [Fact]
    public async Task Delivery_resumes_after_the_checkpoint_when_a_silo_restarts()
    {
        var connectionString = await StreamLogDatabase.CreateAsync(postgres);
        var streamId = StreamId.Create(TestStreams.Clicks, "restarts");
        await using (var first = await StartAsync(connectionString))
        {
            await first.Services.GetStreamProvider(StreamProviderNames.Durable).GetStream<Click>(streamId).OnNextBatchAsync(Enumerable.Range(0, 10).Select(n => new Click("restarts", n)));
            await Eventually.GetAsync(() => first.GrainFactory.GetGrain<IClickCounterGrain>("restarts").GetNumbersAsync(), n => n.Count >= 10);
        }

        await using var second = await StartAsync(connectionString);
        await second.Services.GetStreamProvider(StreamProviderNames.Durable).GetStream<Click>(streamId).OnNextAsync(new Click("restarts", 10));

        var numbers = await Eventually.GetAsync(() => second.GrainFactory.GetGrain<IClickCounterGrain>("restarts").GetNumbersAsync(), n => n.Count >= 1);
        await Task.Delay(200);
        (await second.GrainFactory.GetGrain<IClickCounterGrain>("restarts").GetNumbersAsync()).Should().Equal([10], "the checkpoint saved before the restart covers the first ten");
    }

    [Fact]
    public async Task An_explicit_subscriber_gets_durable_events_with_their_positions()
    {
        var connectionString = await StreamLogDatabase.CreateAsync(postgres);
        await using var cluster = await StartAsync(connectionString);
        var subscriber = cluster.GrainFactory.GetGrain<IExplicitSubscriberGrain>("kim");
        await subscriber.SubscribeAsync(StreamProviderNames.Durable, "durable-feed");

        await cluster.Services.GetStreamProvider(StreamProviderNames.Durable).GetStream<Click>(StreamId.Create(TestStreams.Feed, "durable-feed"))
            .OnNextBatchAsync([new Click("durable-feed", 1), new Click("durable-feed", 2)]);

        (await Eventually.GetAsync(() => subscriber.GetNumbersAsync(), n => n.Count >= 2)).Should().Equal(1, 2);
    }

    [Fact]
    public async Task One_silo_runs_an_agent_for_every_partition()
    {
        var connectionString = await StreamLogDatabase.CreateAsync(postgres);
        await using var cluster = await StartAsync(connectionString);

        var agents = cluster.Services.GetRequiredService<StreamPartitionAgents>();

        agents.OwnedPartitions.Should().Equal(Enumerable.Range(0, 8));
    }

    [Fact]
    public async Task Retention_deletes_delivered_events_past_their_age()
    {
        var connectionString = await StreamLogDatabase.CreateAsync(postgres);
        await using var cluster = await StartAsync(connectionString, o =>
        {
            o.Retention = TimeSpan.FromMilliseconds(1);
            o.RetentionPeriod = TimeSpan.FromMilliseconds(100);
        });
        var provider = (PostgresStreamProvider)cluster.Services.GetStreamProvider(StreamProviderNames.Durable);
        var stream = provider.GetStream<Click>(StreamId.Create(TestStreams.Clicks, "retained"));
        var partition = provider.Log.GetPartition(stream.StreamId);

        await stream.OnNextBatchAsync(Enumerable.Range(0, 5).Select(n => new Click("retained", n)));
        await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("retained").GetNumbersAsync(), n => n.Count >= 5);

        var left = await Eventually.GetAsync(() => provider.Log.ReadAsync(partition, 0, 10), events => events.Count == 0);
        left.Should().BeEmpty("every event was delivered and checkpointed, and is older than the retention");
        (await provider.Log.GetHeadAsync(partition)).Should().Be(5, "sequences go on from the head");
    }
}
