using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Notifications;
using Commerce.Grains.Notifications;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Orders.Tests;

public sealed class NotificationOutboxTests
{
    private static NotificationDraft Draft(string key) => new(NotificationKind.OrderUpdate, $"Title {key}", "Body", "CO-1", key);

    [Fact]
    public async Task Polling_with_a_cursor_returns_each_notification_once_in_order()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var outbox = shop.Grains.GetGrain<INotificationOutboxGrain>("u-poll");
        for (var i = 1; i <= 5; i++) await outbox.AppendAsync(Draft($"k{i}"));

        var first = await outbox.PollAsync(0, 3);
        var second = await outbox.PollAsync(first.NextCursor, 3);
        var third = await outbox.PollAsync(second.NextCursor, 3);

        first.Items.Select(n => n.Title).Should().Equal("Title k1", "Title k2", "Title k3");
        second.Items.Select(n => n.Title).Should().Equal("Title k4", "Title k5");
        third.Items.Should().BeEmpty();
        third.NextCursor.Should().Be(5);
    }

    [Fact]
    public async Task A_repeated_dedupe_key_appends_nothing()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var outbox = shop.Grains.GetGrain<INotificationOutboxGrain>("u-dedupe");

        var first = await outbox.AppendAsync(Draft("same"));
        var again = await outbox.AppendAsync(Draft("same"));

        again.Should().Be(first);
        (await outbox.PollAsync(0, 10)).Items.Should().HaveCount(1);
    }

    [Fact]
    public async Task Retention_drops_the_oldest_and_says_a_lagging_cursor_missed_some()
    {
        await using var shop = await OrdersCluster.StartAsync(services: s => s.Configure<NotificationOptions>(o => o.Retention = 3));
        var outbox = shop.Grains.GetGrain<INotificationOutboxGrain>("u-retention");
        for (var i = 1; i <= 5; i++) await outbox.AppendAsync(Draft($"k{i}"));

        var page = await outbox.PollAsync(0, 10);

        page.Truncated.Should().BeTrue();
        page.Items.Select(n => n.Sequence).Should().Equal(3, 4, 5);
    }

    [Fact]
    public async Task A_bad_page_size_is_refused_naming_the_field()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var poll = () => shop.Grains.GetGrain<INotificationOutboxGrain>("u-bad").PollAsync(0, 0);

        (await poll.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("max");
    }
}
