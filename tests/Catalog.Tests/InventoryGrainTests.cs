using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using Commerce.Grains.Testing;
using FluentAssertions;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

public sealed class InventoryGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan LongHold = TimeSpan.FromMinutes(10);
    private CommerceTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await CatalogCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IInventoryGrain Inventory(string sku) => _cluster.GrainFactory.GetGrain<IInventoryGrain>(sku);

    [Fact]
    public async Task Stock_is_reported_per_warehouse_and_in_total()
    {
        var inventory = Inventory("sku-levels");
        await inventory.SetStockAsync("berlin", 10, Admin);
        await inventory.ReceiveAsync("paris", 4, Admin);
        await inventory.ReserveAsync("r1", 3, LongHold, allowBackorder: false);

        var level = await inventory.GetAsync();

        level.Should().Match<StockLevel>(l => l.Sku == "sku-levels" && l.OnHand == 14 && l.Reserved == 3 && l.Available == 11);
        level.Warehouses.Should().Equal(new WarehouseStock("berlin", 10, 3, 7), new WarehouseStock("paris", 4, 0, 4));
    }

    [Fact]
    public async Task Reservation_beyond_stock_is_refused()
    {
        var inventory = Inventory("sku-short");
        await inventory.SetStockAsync("w1", 2, Admin);

        (await inventory.Invoking(i => i.ReserveAsync("r1", 3, LongHold, false)).Should().ThrowAsync<ConflictException>())
            .Which.Code.Should().Be("out-of-stock");
        (await inventory.GetAsync()).Available.Should().Be(2);
    }

    [Fact]
    public async Task Hundreds_of_concurrent_reservers_sell_exactly_the_stock()
    {
        const int stock = 100;
        const int buyers = 500;
        var inventory = Inventory("sku-hot");
        await inventory.SetStockAsync("w1", 60, Admin);
        await inventory.SetStockAsync("w2", 40, Admin);

        var attempts = Enumerable.Range(0, buyers).Select(async i =>
        {
            try
            {
                await _cluster.GrainFactory.GetGrain<IInventoryGrain>("sku-hot").ReserveAsync($"buyer-{i}", 1, LongHold, false);
                return true;
            }
            catch (ConflictException e) when (e.Code == "out-of-stock")
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);

        results.Count(ok => ok).Should().Be(stock);
        var level = await inventory.GetAsync();
        level.Reserved.Should().Be(stock);
        level.Available.Should().Be(0);
        level.Warehouses.Should().OnlyContain(w => w.Available == 0 && w.Reserved == w.OnHand);
    }

    [Fact]
    public async Task Retried_reservations_commits_and_releases_never_double_count()
    {
        var inventory = Inventory("sku-idem");
        await inventory.SetStockAsync("w1", 10, Admin);

        var first = await inventory.ReserveAsync("r1", 4, LongHold, false);
        var retry = await inventory.ReserveAsync("r1", 4, LongHold, false);
        retry.Should().Be(first);
        (await inventory.GetAsync()).Reserved.Should().Be(4);

        var allocation = await inventory.CommitAsync("r1");
        (await inventory.CommitAsync("r1")).Should().Equal(allocation);
        (await inventory.GetAsync()).Should().Match<StockLevel>(l => l.OnHand == 6 && l.Reserved == 0 && l.Available == 6);

        await inventory.ReserveAsync("r2", 2, LongHold, false);
        await inventory.ReleaseAsync("r2");
        await inventory.ReleaseAsync("r2");
        await inventory.ReleaseAsync("never-existed");
        (await inventory.GetAsync()).Available.Should().Be(6);

        (await inventory.Invoking(i => i.ReserveAsync("r1", 5, LongHold, false)).Should().ThrowAsync<ConflictException>())
            .Which.Code.Should().Be("reservation-mismatch");
    }

    [Fact]
    public async Task Concurrent_retries_of_one_reservation_hold_its_units_once()
    {
        var inventory = Inventory("sku-retry-storm");
        await inventory.SetStockAsync("w1", 10, Admin);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => inventory.ReserveAsync("order-1", 3, LongHold, false)));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => inventory.CommitAsync("order-1")));

        results.Distinct().Should().ContainSingle();
        (await inventory.GetAsync()).Should().Match<StockLevel>(l => l.OnHand == 7 && l.Reserved == 0 && l.Available == 7);
    }

    [Fact]
    public async Task Commit_allocates_to_the_warehouses_that_hold_the_stock()
    {
        var inventory = Inventory("sku-split");
        await inventory.SetStockAsync("berlin", 3, Admin);
        await inventory.SetStockAsync("paris", 5, Admin);

        await inventory.ReserveAsync("r1", 7, LongHold, false);
        var allocation = await inventory.CommitAsync("r1");

        allocation.Should().BeEquivalentTo([new WarehouseAllocation("paris", 5), new WarehouseAllocation("berlin", 2)]);
        var level = await inventory.GetAsync();
        level.Warehouses.Should().Equal(new WarehouseStock("berlin", 1, 0, 1), new WarehouseStock("paris", 0, 0, 0));
        (await inventory.GetReservationAsync("r1"))!.Status.Should().Be(ReservationStatus.Committed);
    }

    [Fact]
    public async Task Committing_a_released_or_unknown_reservation_is_refused()
    {
        var inventory = Inventory("sku-released");
        await inventory.SetStockAsync("w1", 5, Admin);
        await inventory.ReserveAsync("r1", 1, LongHold, false);
        await inventory.ReleaseAsync("r1");

        (await inventory.Invoking(i => i.CommitAsync("r1")).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("reservation-expired");
        await inventory.Invoking(i => i.CommitAsync("ghost")).Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Releasing_a_committed_reservation_is_refused_in_favour_of_a_return()
    {
        var inventory = Inventory("sku-return");
        await inventory.SetStockAsync("w1", 5, Admin);
        await inventory.ReserveAsync("r1", 2, LongHold, false);
        await inventory.CommitAsync("r1");

        (await inventory.Invoking(i => i.ReleaseAsync("r1")).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("reservation-committed");
        await inventory.ReturnAsync("o1:return:1", "w1", 2, "customer cancelled");
        (await inventory.GetAsync()).Available.Should().Be(5);
    }

    [Fact]
    public async Task A_retried_return_puts_the_units_back_once()
    {
        var inventory = Inventory("sku-return-retry");
        await inventory.SetStockAsync("w1", 5, Admin);
        await inventory.ReserveAsync("r1", 3, LongHold, false);
        await inventory.CommitAsync("r1");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => inventory.ReturnAsync("o1:return:1", "w1", 3, "cancelled")));
        await inventory.ReturnAsync("o1:return:1", "w1", 3, "cancelled");

        (await inventory.GetAsync()).OnHand.Should().Be(5);
        await inventory.ReturnAsync("o1:return:2", "w1", 1, "second parcel");
        (await inventory.GetAsync()).OnHand.Should().Be(6);
    }

    [Fact]
    public async Task An_unpaid_reservation_expires_and_returns_its_stock()
    {
        var inventory = Inventory("sku-expiry");
        await inventory.SetStockAsync("w1", 5, Admin);
        await inventory.ReserveAsync("r1", 5, TimeSpan.FromMilliseconds(300), false);
        (await inventory.GetAsync()).Available.Should().Be(0);

        (await CatalogCluster.EventuallyAsync(async () => (await inventory.GetReservationAsync("r1"))!.Status == ReservationStatus.Expired)).Should().BeTrue();

        (await inventory.GetAsync()).Should().Match<StockLevel>(l => l.Available == 5 && l.Reserved == 0);
        (await inventory.Invoking(i => i.CommitAsync("r1")).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("reservation-expired");
        await inventory.ReserveAsync("r2", 5, LongHold, false);
    }

    [Fact]
    public async Task Backorders_are_accepted_when_allowed_and_owed_from_incoming_stock()
    {
        var inventory = Inventory("sku-backorder");
        var expected = new DateOnly(2026, 12, 24);
        await inventory.SetStockAsync("w1", 2, Admin);
        await inventory.SetBackorderDateAsync(expected);

        var reservation = await inventory.ReserveAsync("r1", 5, LongHold, allowBackorder: true);

        reservation.Should().Match<StockReservation>(r => r.Backordered && r.BackorderedQuantity == 3 && r.ExpectedDate == expected);
        var allocation = await inventory.CommitAsync("r1");
        allocation.Should().BeEquivalentTo([new WarehouseAllocation("w1", 2), new WarehouseAllocation(WarehouseAllocation.Backorder, 3)]);
        var level = await inventory.GetAsync();
        level.Should().Match<StockLevel>(l => l.Available == 0 && l.BackorderOwed == 3 && l.BackorderExpected == expected);

        await inventory.ReceiveAsync("w1", 5, Admin);
        (await inventory.GetAsync()).Available.Should().Be(2);
    }

    [Fact]
    public async Task A_low_stock_alert_is_raised_once_per_crossing_of_the_threshold()
    {
        var inventory = Inventory("sku-low");
        await inventory.SetStockAsync("w1", 10, Admin);
        await inventory.SetLowStockThresholdAsync(3);

        await inventory.ReserveAsync("r1", 7, LongHold, false);
        await inventory.ReserveAsync("r2", 1, LongHold, false);
        (await inventory.GetAsync()).LowStock.Should().BeTrue();
        (await inventory.GetLowStockAlertsAsync()).Should().ContainSingle().Which.Should().Match<LowStockAlert>(a => a.Available == 3 && a.Threshold == 3);

        await inventory.ReceiveAsync("w1", 10, Admin);
        (await inventory.GetAsync()).LowStock.Should().BeFalse();
        await inventory.ReserveAsync("r3", 11, LongHold, false);

        var alerts = await inventory.GetLowStockAlertsAsync();
        alerts.Should().HaveCount(2);
        alerts[0].Available.Should().Be(1);
    }

    [Fact]
    public async Task Invalid_input_and_stock_below_reservations_are_refused()
    {
        var inventory = Inventory("sku-invalid");
        await inventory.SetStockAsync("w1", 5, Admin);
        (await inventory.Invoking(i => i.ReserveAsync("r1", 0, LongHold, false)).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("quantity");
        (await inventory.Invoking(i => i.ReserveAsync("r1", 1, TimeSpan.Zero, false)).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("hold");
        (await inventory.Invoking(i => i.ReserveAsync(" ", 1, LongHold, false)).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("reservationId");
        (await inventory.Invoking(i => i.SetStockAsync("w1", -1, Admin)).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("onHand");
        (await inventory.Invoking(i => i.ReceiveAsync("w1", 0, Admin)).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("quantity");
        (await inventory.Invoking(i => i.SetLowStockThresholdAsync(-1)).Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("threshold");

        await inventory.ReserveAsync("r1", 4, LongHold, false);
        (await inventory.Invoking(i => i.SetStockAsync("w1", 3, Admin)).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("below-reserved");
    }

    [Fact]
    public async Task Ended_reservations_are_forgotten_after_the_retention()
    {
        await using var cluster = await CatalogCluster.StartAsync(inventory: o => o.ReservationRetention = TimeSpan.FromMilliseconds(200));
        var inventory = cluster.GrainFactory.GetGrain<IInventoryGrain>("sku-retention");
        await inventory.SetStockAsync("w1", 5, Admin);
        await inventory.ReserveAsync("r1", 1, LongHold, false);
        await inventory.CommitAsync("r1");

        await Task.Delay(300);
        await inventory.ReceiveAsync("w1", 1, Admin);

        (await inventory.GetReservationAsync("r1")).Should().BeNull();
        (await inventory.GetAsync()).OnHand.Should().Be(5);
    }
}
