using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Notifications;
using Commerce.GrainInterfaces.Orders;
using Commerce.Grains.Orders;
using Commerce.Grains.Testing;
using FluentAssertions;
using Orleans;
using Orleans.Runtime;

namespace Commerce.Orders.Tests;

/// <summary>The shipping address is personal data: encrypted at rest, erased on the person's request.</summary>
public sealed class OrderPrivacyTests
{
    private static readonly string[] Secrets = ["Ann Example", "30 123456", "Invalidenstr"];

    [Fact]
    public async Task Stored_order_state_holds_no_plaintext_recipient_phone_or_street()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();

        var placed = await shop.PlaceAsync("u-at-rest", [(sku, 1)]);

        var raw = await StoredGrainState.ReadJsonAsync(shop.Cluster.Services, "order", GrainId.Create("order", placed.OrderId));
        raw.Should().NotBeNull("the order is stored");
        raw.Should().Contain("u-at-rest", "non-sensitive fields stay readable");
        foreach (var secret in Secrets) raw.Should().NotContain(secret);
        raw.Should().Contain("v1:", "the address is AES-GCM ciphertext");
        placed.Address.Should().Be(OrdersCluster.Address(), "the grain hands out the decrypted address");
    }

    [Fact]
    public async Task A_reactivated_order_decrypts_its_stored_address()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-reactivate", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);

        // A refused move drops the activation (see OrderGrain.Invoke): the next call reads storage again.
        await order.Invoking(o => o.CompleteAsync(OrdersCluster.Admin)).Should().ThrowAsync<ConflictException>();
        (await OrdersCluster.EventuallyAsync(() => Task.FromResult(!shop.Cluster.IsActive(order.GetGrainId())))).Should().BeTrue();

        (await order.GetAsync()).Address.Should().Be(OrdersCluster.Address());
    }

    [Fact]
    public async Task Erasure_anonymizes_the_address_keeps_the_country_and_status_records_who_and_is_idempotent()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-erase", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);
        var notificationsBefore = (await Outbox(shop, "u-erase").PollAsync(0, 100)).Items.Count;

        await order.ErasePersonalDataAsync("user:u-erase");
        await order.ErasePersonalDataAsync("admin:bob");
        var erased = await order.GetAsync();

        erased.Address.Should().Be(new ShippingAddress("erased", "", "erased", null, "erased", null, "", "DE"));
        erased.Status.Should().Be(placed.Status, "erasure is not a lifecycle move");
        erased.History.Should().ContainSingle(t => t.Trigger == OrderTrigger.ErasePersonalData, "a second erasure changes nothing")
            .Which.Should().Match<OrderTransition>(t => t.Actor == "user:u-erase" && t.From == placed.Status && t.To == placed.Status);
        erased.History.Should().HaveCount(placed.History.Count + 1);
        (await Outbox(shop, "u-erase").PollAsync(0, 100)).Items.Should().HaveCount(notificationsBefore, "an erased person is not written to about it");
    }

    [Fact]
    public async Task Erasure_works_in_a_terminal_status_and_refuses_orders_never_placed()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-erase-cancelled", [(sku, 1)], pay: false);
        var order = shop.Order(placed.OrderId);
        await order.CancelAsync("Changed my mind", "user:u-erase-cancelled");

        await order.ErasePersonalDataAsync(OrdersCluster.Admin);

        var erased = await order.GetAsync();
        erased.Status.Should().Be(OrderStatus.Cancelled);
        ErasedAddress.IsErased(erased.Address).Should().BeTrue();
        await shop.Order("CO-never-placed").Invoking(o => o.ErasePersonalDataAsync(OrdersCluster.Admin)).Should().ThrowAsync<NotFoundException>();
        await order.Invoking(o => o.ErasePersonalDataAsync(" ")).Should().ThrowAsync<InvalidInputException>();
    }

    [Fact]
    public async Task An_erased_address_is_not_handed_to_the_carrier_until_it_is_fixed()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-erase-ship", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);
        await order.PackAsync("warehouse:7");
        await order.ErasePersonalDataAsync("user:u-erase-ship");

        var ship = () => order.ShipAsync("warehouse:7");
        (await ship.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("address-erased");

        await order.RaiseExceptionAsync(OrderExceptionKind.WrongAddress, "Address erased before shipping", OrdersCluster.Admin);
        var corrected = OrdersCluster.Address("20095");
        await order.ResolveExceptionAsync(new ExceptionResolution(ExceptionAction.FixAddress, "Customer gave a new address", corrected), OrdersCluster.Admin);
        await order.PackAsync("warehouse:7");
        var shipped = await order.ShipAsync("warehouse:7");

        shipped.Status.Should().Be(OrderStatus.Shipped);
        shipped.Address.Should().Be(corrected);
    }

    private static INotificationOutboxGrain Outbox(OrdersCluster shop, string userId) => shop.Grains.GetGrain<INotificationOutboxGrain>(userId);
}
