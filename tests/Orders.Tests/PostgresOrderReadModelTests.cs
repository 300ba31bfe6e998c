using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Commerce.Grains;
using Commerce.Grains.Orders;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace Commerce.Orders.Tests;

/// <summary>The same specification runs against the PostgreSQL and the in-memory read model.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresOrderReadModelTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private async Task<IOrderReadModel> CreateAsync(bool onPostgres)
    {
        if (!onPostgres) return new MemoryOrderReadModel();
        var connectionString = await postgres.CreateDatabaseAsync("orders");
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, null, [CommerceSchema.MigrationAssembly]).MigrateAsync();
        return new PostgresOrderReadModel(dataSource);
    }

    private static OrderSummary Summary(string id, string user, OrderStatus status, int minutes, int version = 1) =>
        new(id, user, status, new Money(10m + minutes, "EUR"), 1, T0.AddMinutes(minutes), T0.AddMinutes(minutes), version);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Orders_of_a_user_are_paged_newest_first(bool onPostgres)
    {
        var model = await CreateAsync(onPostgres);
        for (var i = 1; i <= 5; i++) await model.UpsertOrderAsync(Summary($"CO-{i}", "ann", OrderStatus.Paid, i));
        await model.UpsertOrderAsync(Summary("CO-9", "bob", OrderStatus.Paid, 9));

        var first = await model.GetByUserAsync("ann", 1, 2);
        var third = await model.GetByUserAsync("ann", 3, 2);

        first.Items.Select(o => o.OrderId).Should().Equal("CO-5", "CO-4");
        first.Total.Should().Be(5);
        third.Items.Select(o => o.OrderId).Should().Equal("CO-1");
        (await model.GetByUserAsync("ann", 9, 2)).Should().Match<GrainInterfaces.Orders.ResultPage<OrderSummary>>(p => p.Items.Count == 0 && p.Total == 5);
        first.Items[0].Total.Should().Be(new Money(15m, "EUR"));
        first.Items[0].PlacedAt.Should().Be(T0.AddMinutes(5));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Only_a_newer_version_replaces_a_row(bool onPostgres)
    {
        var model = await CreateAsync(onPostgres);
        await model.UpsertOrderAsync(Summary("CO-1", "ann", OrderStatus.Shipped, 1, version: 5));
        await model.UpsertOrderAsync(Summary("CO-1", "ann", OrderStatus.Paid, 1, version: 2));

        (await model.GetByStatusAsync(OrderStatus.Shipped, 1, 10)).Items.Should().ContainSingle();
        (await model.GetByStatusAsync(OrderStatus.Paid, 1, 10)).Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Orders_by_status_are_oldest_update_first(bool onPostgres)
    {
        var model = await CreateAsync(onPostgres);
        await model.UpsertOrderAsync(Summary("CO-b", "ann", OrderStatus.Packed, 7));
        await model.UpsertOrderAsync(Summary("CO-a", "bob", OrderStatus.Packed, 3));
        await model.UpsertOrderAsync(Summary("CO-c", "bob", OrderStatus.Paid, 1));

        var packed = await model.GetByStatusAsync(OrderStatus.Packed, 1, 10);

        packed.Items.Select(o => o.OrderId).Should().Equal("CO-a", "CO-b");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_exception_queue_lists_open_exceptions_oldest_first_and_keeps_resolutions(bool onPostgres)
    {
        var model = await CreateAsync(onPostgres);
        var late = new OrderExceptionRecord(1, OrderExceptionKind.MissingItem, "Bin empty", OrderStatus.Packed, T0.AddMinutes(5), "warehouse:7", null, null, null, null);
        var early = new OrderExceptionRecord(1, OrderExceptionKind.WrongAddress, "No such street", OrderStatus.Allocated, T0, "admin:ann", null, null, null, null);
        await model.UpsertExceptionAsync(new ExceptionQueueEntry("CO-2", "bob", late));
        await model.UpsertExceptionAsync(new ExceptionQueueEntry("CO-1", "ann", early));

        (await model.GetExceptionQueueAsync(false, 1, 10)).Items.Select(e => e.OrderId).Should().Equal("CO-1", "CO-2");

        var resolved = early with { Resolution = ExceptionAction.FixAddress, ResolutionNote = "Called", ResolvedAt = T0.AddMinutes(9), ResolvedBy = "admin:ann" };
        await model.UpsertExceptionAsync(new ExceptionQueueEntry("CO-1", "ann", resolved));

        (await model.GetExceptionQueueAsync(false, 1, 10)).Items.Select(e => e.OrderId).Should().Equal("CO-2");
        var all = await model.GetExceptionQueueAsync(true, 1, 10);
        all.Items.Select(e => e.OrderId).Should().Equal("CO-2", "CO-1");
        all.Items[1].Exception.Should().Be(resolved);
        all.Total.Should().Be(2);
    }
}
