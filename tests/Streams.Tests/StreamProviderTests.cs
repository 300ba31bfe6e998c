using Commerce.Runtime.Streams.Tests.Grains;
using Commerce.Runtime.Testing;
using FluentAssertions;

namespace Commerce.Runtime.Streams.Tests;

/// <summary>The default stream providers ("memory" and the memory-backed "durable") in an in-process silo.</summary>
public sealed class StreamProviderTests
{
    [Theory]
    [InlineData(StreamProviderNames.Memory)]
    [InlineData(StreamProviderNames.Durable)]
    public async Task Every_silo_has_both_default_providers(string provider)
    {
        await using var cluster = await TestCluster.StartAsync();

        var stream = cluster.Services.GetStreamProvider(provider).GetStream<Click>(StreamId.Create(TestStreams.Clicks, "ann"));

        stream.ProviderName.Should().Be(provider);
        stream.StreamId.Should().Be(StreamId.Create(TestStreams.Clicks, "ann"));
    }

    [Theory]
    [InlineData(StreamProviderNames.Memory)]
    [InlineData(StreamProviderNames.Durable)]
    public async Task Implicit_subscription_activates_the_consumer_grain_with_the_stream_key(string provider)
    {
        await using var cluster = await TestCluster.StartAsync();
        var consumerId = GrainId.Create(new GrainType("test-click-counter"), "bob");
        cluster.IsActive(consumerId).Should().BeFalse();

        await cluster.Services.GetStreamProvider(provider).GetStream<Click>(StreamId.Create(TestStreams.Clicks, "bob")).OnNextAsync(new Click("bob", 1));

        var numbers = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("bob").GetNumbersAsync(), n => n.Count == 1);
        numbers.Should().Equal(1);
        cluster.IsActive(consumerId).Should().BeTrue();
    }

    [Fact]
    public async Task Events_of_a_stream_reach_its_implicit_subscriber_in_order()
    {
        await using var cluster = await TestCluster.StartAsync();
        var stream = cluster.Services.GetStreamProvider(StreamProviderNames.Memory).GetStream<Click>(StreamId.Create(TestStreams.Clicks, "cat"));

        for (var n = 0; n < 500; n++) await stream.OnNextAsync(new Click("cat", n));

        var numbers = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("cat").GetNumbersAsync(), n => n.Count >= 500);
        numbers.Should().Equal(Enumerable.Range(0, 500));
    }

    [Fact]
    public async Task An_implicit_subscriber_receives_only_its_own_key()
    {
        await using var cluster = await TestCluster.StartAsync();
        var provider = cluster.Services.GetStreamProvider(StreamProviderNames.Memory);

        await provider.GetStream<Click>(StreamId.Create(TestStreams.Clicks, "dan")).OnNextAsync(new Click("dan", 1));
        await provider.GetStream<Click>(StreamId.Create(TestStreams.Clicks, "eve")).OnNextAsync(new Click("eve", 2));

        (await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("dan").GetNumbersAsync(), n => n.Count >= 1)).Should().Equal(1);
        (await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("eve").GetNumbersAsync(), n => n.Count >= 1)).Should().Equal(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_grain_produces_events_and_batches_on_both_providers(bool asBatch)
    {
        await using var cluster = await TestCluster.StartAsync();
        var producer = cluster.GrainFactory.GetGrain<IClickProducerGrain>("producer");

        await producer.ProduceAsync(StreamProviderNames.Memory, TestStreams.Clicks, "fay", 0, 50, asBatch);
        await producer.ProduceAsync(StreamProviderNames.Durable, TestStreams.Clicks, "fay", 50, 50, asBatch);

        var numbers = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickCounterGrain>("fay").GetNumbersAsync(), n => n.Count >= 100);
        numbers.Should().Equal(Enumerable.Range(0, 100));
    }

    [Fact]
    public async Task An_implicit_subscriber_may_attach_its_own_observer_on_activation()
    {
        await using var cluster = await TestCluster.StartAsync();
        var stream = cluster.Services.GetStreamProvider(StreamProviderNames.Durable).GetStream<Click>(StreamId.Create(TestStreams.Audit, "gus"));

        await stream.OnNextBatchAsync([new Click("gus", 1), new Click("gus", 2)]);

        (await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IClickAuditGrain>("gus").GetNumbersAsync(), n => n.Count >= 2)).Should().Equal(1, 2);
    }

    [Fact]
    public async Task An_explicit_subscription_survives_the_deactivation_of_its_subscriber()
    {
        await using var cluster = await TestCluster.StartAsync();
        var subscriber = cluster.GrainFactory.GetGrain<IExplicitSubscriberGrain>("hal");
        var stream = cluster.Services.GetStreamProvider(StreamProviderNames.Memory).GetStream<Click>(StreamId.Create(TestStreams.Feed, "news"));
        await subscriber.SubscribeAsync(StreamProviderNames.Memory, "news");

        await stream.OnNextAsync(new Click("news", 1));
        await Eventually.GetAsync(() => subscriber.GetNumbersAsync(), n => n.Count >= 1);
        await subscriber.DeactivateAsync();
        await Eventually.GetAsync(() => Task.FromResult(cluster.IsActive(GrainId.Create(new GrainType("test-explicit-subscriber"), "hal"))), active => !active);
        await stream.OnNextAsync(new Click("news", 2));

        (await Eventually.GetAsync(() => subscriber.GetNumbersAsync(), n => n.Count >= 2)).Should().Equal(1, 2);
        (await subscriber.CountHandlesAsync(StreamProviderNames.Memory, "news")).Should().Be(1);
    }

    [Fact]
    public async Task Every_explicit_subscriber_receives_the_events_and_an_unsubscribed_one_no_more()
    {
        await using var cluster = await TestCluster.StartAsync();
        var stays = cluster.GrainFactory.GetGrain<IExplicitSubscriberGrain>("ivy");
        var leaves = cluster.GrainFactory.GetGrain<IExplicitSubscriberGrain>("jay");
        var stream = cluster.Services.GetStreamProvider(StreamProviderNames.Durable).GetStream<Click>(StreamId.Create(TestStreams.Feed, "deals"));
        await stays.SubscribeAsync(StreamProviderNames.Durable, "deals");
        await leaves.SubscribeAsync(StreamProviderNames.Durable, "deals");

        await stream.OnNextAsync(new Click("deals", 1));
        await Eventually.GetAsync(() => leaves.GetNumbersAsync(), n => n.Count >= 1);
        await leaves.UnsubscribeAllAsync();
        await stream.OnNextAsync(new Click("deals", 2));

        (await Eventually.GetAsync(() => stays.GetNumbersAsync(), n => n.Count >= 2)).Should().Equal(1, 2);
        (await leaves.GetNumbersAsync()).Should().Equal(1);
        (await leaves.CountHandlesAsync(StreamProviderNames.Durable, "deals")).Should().Be(0);
    }

    [Fact]
    public async Task Subscribing_outside_a_grain_is_refused()
    {
        await using var cluster = await TestCluster.StartAsync();
        var stream = cluster.Services.GetStreamProvider(StreamProviderNames.Memory).GetStream<Click>(StreamId.Create(TestStreams.Feed, "x"));

        var subscribe = () => stream.SubscribeAsync(new DelegateObserver<Click>(_ => { }));

        await subscribe.Should().ThrowAsync<InvalidOperationException>().WithMessage("Only grains subscribe*");
    }

    [Fact]
    public async Task An_unknown_provider_name_is_refused_with_its_name()
    {
        await using var cluster = await TestCluster.StartAsync();

        var get = () => cluster.Services.GetStreamProvider("kafka");

        get.Should().Throw<InvalidOperationException>().WithMessage("*'kafka'*");
    }
}
