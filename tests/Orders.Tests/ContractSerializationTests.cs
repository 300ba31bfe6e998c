using System.Text.Json;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Notifications;
using Commerce.GrainInterfaces.Orders;
using Commerce.Grains.Orders;
using Commerce.Silo;
using FluentAssertions;

namespace Commerce.Orders.Tests;

/// <summary>Grain state is stored as System.Text.Json (<see cref="JsonGrainStateSerializer"/>): the state and the contracts must come back whole.</summary>
public sealed class ContractSerializationTests
{
    private static readonly JsonSerializerOptions Stored = JsonGrainStateSerializer.Options;

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Stored), Stored)!;

    [Fact]
    public async Task Order_tracking_notification_and_queue_contracts_round_trip()
    {
        await using var shop = await OrdersCluster.StartAsync(carrier: c => c.StepDelay = TimeSpan.FromHours(1));
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-json", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);
        await order.RaiseExceptionAsync(OrderExceptionKind.MissingItem, "Bin empty", OrdersCluster.Admin);
        await order.ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.Reship, "Found"), OrdersCluster.Admin);
        await order.PackAsync(OrdersCluster.Admin);
        var shipped = await order.ShipAsync(OrdersCluster.Admin);
        var tracking = await shop.Grains.GetGrain<IShipmentGrain>(shipped.Shipment!.TrackingNumber).GetTrackingAsync();
        var notifications = await shop.Grains.GetGrain<Commerce.GrainInterfaces.Notifications.INotificationOutboxGrain>("u-json").PollAsync(0, 10);
        var queue = await shop.Grains.GetGrain<IOrderQueryGrain>("orders").GetExceptionQueueAsync(true, 1, 10);
        var preview = await shop.Cart("u-json").PreviewAsync();

        RoundTrip(shipped).Should().BeEquivalentTo(shipped);
        RoundTrip(tracking).Should().BeEquivalentTo(tracking);
        RoundTrip(notifications).Should().BeEquivalentTo(notifications);
        RoundTrip(queue).Should().BeEquivalentTo(queue);
        RoundTrip(preview).Should().BeEquivalentTo(preview);
        RoundTrip(new OrderState()).Should().BeEquivalentTo(new OrderState());
        notifications.Items.Should().NotBeEmpty();
        notifications.Items[0].Kind.Should().Be(NotificationKind.OrderPlaced);
    }
}
