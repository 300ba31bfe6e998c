using System.Text;
using System.Text.Json;
using Commerce.GrainInterfaces.Behaviour;
using Commerce.GrainInterfaces.Common;
using Commerce.Grains.Testing;
using Commerce.Grains.Tests.Grains;
using Commerce.Postgres.Streams;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.TypeSystem;
using Xunit;

namespace Commerce.Grains.Tests;

/// <summary>The behaviour event contract: its rules, its serialized forms, and its publisher.</summary>
public sealed class BehaviourEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static BehaviourEvent View(string user = "u-1") => new()
    {
        EventId = Guid.NewGuid(),
        Kind = BehaviourKind.View,
        UserId = user,
        SessionId = "s-1",
        Sku = "sku-42",
        Category = "shoes",
        Price = new Money(59.90m, "EUR"),
        OccurredAt = Now,
    };

    public static TheoryData<BehaviourEvent, string> Invalid => new()
    {
        { View() with { UserId = "" }, "userId" },
        { View() with { EventId = Guid.Empty }, "eventId" },
        { View() with { SchemaVersion = 99 }, "schemaVersion" },
        { View() with { Sku = null }, "sku" },
        { View() with { OccurredAt = Now.AddHours(1) }, "occurredAt" },
        { View() with { Price = new Money(-1m, "EUR") }, "price.amount" },
        { View() with { Price = new Money(1m, "euro") }, "price.currency" },
        { View() with { Kind = BehaviourKind.Search, Query = " " }, "query" },
        { View() with { Kind = BehaviourKind.AddToCart }, "quantity" },
        { View() with { Kind = BehaviourKind.AddToCart, Quantity = 0 }, "quantity" },
        { View() with { Kind = BehaviourKind.OrderPlaced, OrderId = "o-1", Price = null }, "price" },
        { View() with { Kind = BehaviourKind.OrderPaid }, "orderId" },
        { View() with { Kind = BehaviourKind.Review, Rating = 6 }, "rating" },
        { View() with { Kind = BehaviourKind.CouponClaimed }, "couponCode" },
        { View() with { Kind = BehaviourKind.Share }, "channel" },
        { View() with { Kind = BehaviourKind.FriendAssist, TargetUserId = "u-1" }, "targetUserId" },
        { View() with { SessionId = "bad\nid" }, "sessionId" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_event_is_refused_naming_its_field(BehaviourEvent behaviour, string field)
    {
        var validate = () => BehaviourEventRules.Validate(behaviour, Now);

        validate.Should().Throw<InvalidInputException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void Every_kind_has_a_valid_example()
    {
        var examples = new[]
        {
            View(),
            View() with { Kind = BehaviourKind.Search, Sku = null, Query = "running shoes" },
            View() with { Kind = BehaviourKind.AddToCart, Quantity = 2 },
            View() with { Kind = BehaviourKind.RemoveFromCart, Quantity = 1 },
            View() with { Kind = BehaviourKind.Favourite },
            View() with { Kind = BehaviourKind.OrderPlaced, OrderId = "o-1", Price = new Money(120m, "EUR") },
            View() with { Kind = BehaviourKind.OrderPaid, OrderId = "o-1", Price = new Money(120m, "EUR") },
            View() with { Kind = BehaviourKind.Review, Rating = 5 },
            View() with { Kind = BehaviourKind.CouponClaimed, CouponCode = "WELCOME10" },
            View() with { Kind = BehaviourKind.Share, Channel = "link" },
            View() with { Kind = BehaviourKind.FriendAssist, TargetUserId = "u-2" },
        };

        examples.Select(e => e.Kind).Should().BeEquivalentTo(Enum.GetValues<BehaviourKind>());
        foreach (var example in examples) BehaviourEventRules.Validate(example, Now);
    }

    /// <summary>The durable log in a cluster (PostgreSQL streams) stores each event as JSON with the provider's default options.</summary>
    [Fact]
    public void The_event_round_trips_through_the_stream_json_with_its_kind_by_name()
    {
        var behaviour = View() with { Kind = BehaviourKind.AddToCart, Quantity = 3 };
        var options = new PostgresStreamProviderOptions().JsonSerializerOptions;

        var json = JsonSerializer.SerializeToUtf8Bytes(behaviour, options);
        var text = Encoding.UTF8.GetString(json);
        var back = JsonSerializer.Deserialize<BehaviourEvent>(json, options);

        text.Should().Contain("\"kind\":\"AddToCart\"").And.Contain("\"schemaVersion\":1");
        back.Should().Be(behaviour);
    }

    /// <summary>Memory streams and grain calls carry the event in Orleans' binary format; the log names its type by the alias.</summary>
    [Fact]
    public void The_event_round_trips_through_the_orleans_serializer_and_is_named_by_its_alias()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var behaviour = View() with { Kind = BehaviourKind.OrderPaid, OrderId = "o-1", Price = new Money(120m, "EUR") };

        serializer.Deserialize<BehaviourEvent>(serializer.SerializeToArray(behaviour)).Should().Be(behaviour);
        services.GetRequiredService<TypeConverter>().Format(typeof(BehaviourEvent)).Should().Be("commerce.BehaviourEvent");
    }

    [Fact]
    public async Task The_publisher_delivers_each_users_events_to_their_behaviour_consumer()
    {
        await using var cluster = await CommerceTestCluster.StartAsync();
        var publisher = BehaviourPublisher.For(cluster.Client.ServiceProvider);
        var first = View("ann") with { OccurredAt = DateTimeOffset.UtcNow };
        var second = first with { EventId = Guid.NewGuid(), Kind = BehaviourKind.AddToCart, Quantity = 1 };
        var third = first with { EventId = Guid.NewGuid(), Kind = BehaviourKind.OrderPlaced, OrderId = "o-1", Price = new Money(59.90m, "EUR") };
        var bobs = View("bob") with { OccurredAt = DateTimeOffset.UtcNow };

        await publisher.PublishAsync(first);
        await publisher.PublishBatchAsync([second, bobs, third]);

        var ann = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IBehaviourRecorderGrain>("ann").GetEventsAsync(), e => e.Count >= 3);
        ann.Should().Equal(first, second, third);
        var bob = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IBehaviourRecorderGrain>("bob").GetEventsAsync(), e => e.Count >= 1);
        bob.Should().Equal(bobs);
    }

    [Fact]
    public async Task The_publisher_publishes_nothing_when_one_event_of_a_batch_is_invalid()
    {
        await using var cluster = await CommerceTestCluster.StartAsync();
        var publisher = BehaviourPublisher.For(cluster.Client.ServiceProvider);

        var publish = () => publisher.PublishBatchAsync([View("cy") with { OccurredAt = DateTimeOffset.UtcNow }, View("cy") with { Sku = null, OccurredAt = DateTimeOffset.UtcNow }]);

        (await publish.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("sku");
        // A user's events arrive in order: once a later valid event is in, anything the refused batch had sent would be too.
        var marker = View("cy") with { OccurredAt = DateTimeOffset.UtcNow };
        await publisher.PublishAsync(marker);
        var events = await Eventually.GetAsync(() => cluster.GrainFactory.GetGrain<IBehaviourRecorderGrain>("cy").GetEventsAsync(), e => e.Count >= 1);
        await Task.Delay(200);
        (await cluster.GrainFactory.GetGrain<IBehaviourRecorderGrain>("cy").GetEventsAsync()).Should().Equal(marker);
        events.Should().Equal(marker);
    }

    /// <summary>Polls until a condition holds, for effects that arrive asynchronously (stream deliveries).</summary>
    private static class Eventually
    {
        public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
            while (true)
            {
                var value = await read();
                if (done(value) || DateTime.UtcNow > deadline) return value;
                await Task.Delay(20);
            }
        }
    }
}
