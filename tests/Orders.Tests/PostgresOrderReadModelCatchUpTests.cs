using Commerce.GrainInterfaces.Orders;
using Commerce.Grains;
using Commerce.Grains.Orders;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commerce.Orders.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresOrderReadModelCatchUpTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_order_changed_while_the_PostgreSQL_read_model_refuses_writes_catches_up_once_it_accepts_them()
    {
        var connectionString = await postgres.CreateDatabaseAsync("orders_catch_up");
        await using var admin = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(admin, migrationAssemblies: [CommerceSchema.MigrationAssembly]).MigrateAsync();
        await using var shop = await OrdersCluster.StartAsync(services: s =>
        {
            s.UsePostgresOrders(connectionString);
            s.Configure<ReadModelProjectionOptions>(o =>
            {
                o.InitialRetryDelay = TimeSpan.FromMilliseconds(100);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(400);
            });
        });
        var readModel = shop.Cluster.Services.GetRequiredService<IOrderReadModel>();
        var sku = await shop.ListedProductAsync();
        var placed = await shop.PlaceAsync("u-pg", [(sku, 1)]);
        var order = shop.Order(placed.OrderId);

        // Fault injection: with the table renamed away every row write fails in PostgreSQL (undefined table).
        await admin.CreateCommand("ALTER TABLE order_summaries RENAME TO order_summaries_away").ExecuteNonQueryAsync();
        await order.PackAsync("warehouse:7");
        var latest = await order.RaiseExceptionAsync(OrderExceptionKind.MissingItem, "Bin empty", "warehouse:7");
        await Task.Delay(300);
        await admin.CreateCommand("ALTER TABLE order_summaries_away RENAME TO order_summaries").ExecuteNonQueryAsync();

        (await OrdersCluster.EventuallyAsync(async () =>
            (await readModel.GetByUserAsync(placed.UserId, 1, 10)).Items.Any(o => o.OrderId == placed.OrderId && o.Version == latest.History[^1].Sequence), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the order keeps retrying its rows and writes its latest state");
        var row = (await readModel.GetByUserAsync(placed.UserId, 1, 10)).Items.Single(o => o.OrderId == placed.OrderId);
        row.Status.Should().Be(OrderStatus.Exception);
        // The exception-queue row is the next write of the same catch-up, right after the summary row.
        (await OrdersCluster.EventuallyAsync(async () => (await readModel.GetExceptionQueueAsync(false, 1, 10)).Items.Any(e => e.OrderId == placed.OrderId)))
            .Should().BeTrue();
    }
}
