using Commerce.GrainInterfaces.Inventory;
using Commerce.Grains.Inventory;
using Commerce.Grains.Testing;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Orleans.Runtime;
using static Commerce.Catalog.Tests.Products;

namespace Commerce.Catalog.Tests;

/// <summary>Inventory grains whose state and reminders are in PostgreSQL, so they outlive the cluster.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresInventoryGrainTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Expiry_survives_the_silo_going_away_and_is_done_by_the_reminder()
    {
        var connectionString = await CatalogCluster.CreateMigratedDatabaseAsync(postgres, "inventory_expiry");
        await using (var first = await CatalogCluster.StartAsync(silo: s => s.UsePostgresStorage(connectionString)))
        {
            var inventory = first.GrainFactory.GetGrain<IInventoryGrain>("sku-durable");
            await inventory.SetStockAsync("w1", 3, Admin);
            await inventory.ReserveAsync("r1", 3, TimeSpan.FromMilliseconds(800), false);
        }

        await using var second = await CatalogCluster.StartAsync(silo: s => s.UsePostgresStorage(connectionString));

        // Read storage, not the grain: the reminder alone must activate the grain and end the reservation.
        (await CatalogCluster.EventuallyAsync(async () =>
            (await ReadStoredAsync(second, "sku-durable"))?.Reservations["r1"].Status == ReservationStatus.Expired)).Should().BeTrue();
        var stored = (await ReadStoredAsync(second, "sku-durable"))!;
        stored.Warehouses["w1"].Reserved.Should().Be(0);
        (await second.GrainFactory.GetGrain<IInventoryGrain>("sku-durable").GetAsync()).Available.Should().Be(3);
    }

    private static Task<InventoryState?> ReadStoredAsync(CommerceTestCluster cluster, string sku) =>
        StoredGrainState.ReadAsync<InventoryState>(StoredGrainState.DefaultStorage(cluster.Services), "inventory", GrainId.Create("inventory", sku));
}
