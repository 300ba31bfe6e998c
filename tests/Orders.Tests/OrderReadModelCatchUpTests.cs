using Commerce.GrainInterfaces.Orders;
using Commerce.Grains;
using Commerce.Grains.Orders;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;

namespace Commerce.Orders.Tests;

/// <summary>
/// An order's state is saved before its read-model rows: when the read model refuses a write, the call still succeeds
/// and the rows (order queue, exception queue) catch up with the order's latest state by themselves.
/// </summary>
public sealed class OrderReadModelCatchUpTests
{
    private readonly MemoryOrderReadModel _rows = new();
    private readonly FlakyOrderReadModel _readModel;

    public OrderReadModelCatchUpTests() => _readModel = new FlakyOrderReadModel(_rows);

    private Task<OrdersCluster> StartAsync(TimeSpan initialRetryDelay) =>
        OrdersCluster.StartAsync(services: s =>
        {
            s.RemoveAll<IOrderReadModel>();
            s.AddSingleton<IOrderReadModel>(_readModel);
            s.Configure<ReadModelProjectionOptions>(o =>
            {
                o.InitialRetryDelay = initialRetryDelay;
                o.MaxRetryDelay = initialRetryDelay * 4;
            });
        });

    [Fact]
    public async Task A_failed_read_model_write_does_not_fail_placement_and_the_row_catches_up_by_itself()
    {
        await using var shop = await StartAsync(TimeSpan.FromMilliseconds(100));
        var sku = await shop.ListedProductAsync();

        _readModel.FailNextWrites(3);
        var placed = await shop.PlaceAsync("u-blip", [(sku, 2)]);

        placed.Status.Should().Be(OrderStatus.Allocated);
        _readModel.FailedWrites.Should().BeGreaterThan(0);
        var latest = await shop.Order(placed.OrderId).GetAsync();
        (await OrdersCluster.EventuallyAsync(async () => await RowAsync(placed.UserId, placed.OrderId) == ExpectedRow(latest), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the order retries its row without any further call");
        _readModel.FailedWrites.Should().Be(3);
    }

    [Fact]
    public async Task The_rows_catch_up_with_the_latest_state_when_the_order_changed_again_while_the_read_model_failed()
    {
        await using var shop = await StartAsync(TimeSpan.FromMilliseconds(200));
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-busy", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);

        _readModel.FailNextWrites(2);
        await order.PackAsync("warehouse:7");
        await order.RaiseExceptionAsync(OrderExceptionKind.MissingItem, "Bin empty", "warehouse:7");
        var latest = await order.GetAsync();

        latest.Status.Should().Be(OrderStatus.Exception);
        (await OrdersCluster.EventuallyAsync(async () => await RowAsync(placed.UserId, placed.OrderId) == ExpectedRow(latest), TimeSpan.FromSeconds(5)))
            .Should().BeTrue();
        (await OrdersCluster.EventuallyAsync(async () =>
            (await _rows.GetExceptionQueueAsync(includeResolved: true, 1, 10)).Items.Any(e => e.OrderId == placed.OrderId && e.Exception == latest.OpenException)))
            .Should().BeTrue("the exception-queue row is written with the order row");
    }

    [Fact]
    public async Task A_stale_row_is_healed_when_the_order_is_activated_again()
    {
        // Retries far in the future: only the reactivation can repair the row within the test.
        await using var shop = await StartAsync(TimeSpan.FromHours(1));
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-stale", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);

        _readModel.FailNextWrites(1);
        var packed = await order.PackAsync("warehouse:7");
        (await RowAsync(placed.UserId, placed.OrderId))!.Status.Should().Be(OrderStatus.Allocated, "the write failed and the retry is an hour away");

        (await OrdersCluster.EventuallyAsync(async () =>
        {
            await shop.Cluster.CollectIdleActivationsAsync();
            return !shop.Cluster.IsActive(order.GetGrainId());
        })).Should().BeTrue("the idle order is deactivated");

        var read = await order.GetAsync();

        read.Status.Should().Be(OrderStatus.Packed);
        (await OrdersCluster.EventuallyAsync(async () => await RowAsync(placed.UserId, placed.OrderId) == ExpectedRow(packed), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the new activation finds its row possibly stale and writes it again");
    }

    private async Task<OrderSummary?> RowAsync(string userId, string orderId) =>
        (await _rows.GetByUserAsync(userId, 1, 10)).Items.FirstOrDefault(o => o.OrderId == orderId);

    private static OrderSummary ExpectedRow(OrderSnapshot o) =>
        new(o.OrderId, o.UserId, o.Status, o.Total, o.Lines.Sum(l => l.Quantity), o.PlacedAt, o.History[^1].At, o.History[^1].Sequence);
}
