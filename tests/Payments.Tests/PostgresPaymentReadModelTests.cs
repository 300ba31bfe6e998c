using Commerce.GrainInterfaces.Payments;
using Commerce.Grains;
using Commerce.Grains.Payments;
using Commerce.Grains.Payments.ReadModel;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace Commerce.Payments.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresPaymentReadModelTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset s_day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private async Task<(PostgresPaymentReadModel Model, NpgsqlDataSource DataSource)> CreateAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("payments"));
        await new SchemaMigrator(dataSource, migrationAssemblies: [CommerceSchema.MigrationAssembly]).MigrateAsync();
        return (new PostgresPaymentReadModel(dataSource), dataSource);
    }

    private static PaymentRecord Record(string id, DateTimeOffset createdAt, PaymentStatus status = PaymentStatus.Captured, string? batch = null) =>
        new(id, "order-" + id, "ann", PaymentMethodKind.Card, status, 12.34m, "USD",
            status == PaymentStatus.Captured ? 12.34m : 0m, 0m, 11.43m, "EUR", "ch_" + id, 10, RiskDecision.Allow,
            createdAt, createdAt, status == PaymentStatus.Captured ? createdAt : null, batch);

    [Fact]
    public async Task Payments_round_trip_and_are_listed_by_creation_period()
    {
        var (model, dataSource) = await CreateAsync();
        await using var _ = dataSource;
        var inside = Record("p1", s_day.AddHours(3)) with { RiskScore = null, RiskDecision = null, GatewayReference = null };
        await model.UpsertAsync(inside);
        await model.UpsertAsync(Record("p2", s_day.AddDays(1)));

        var listed = await model.ListCreatedAsync(s_day, s_day.AddDays(1));

        listed.Should().ContainSingle().Which.Should().BeEquivalentTo(inside);
    }

    [Fact]
    public async Task An_older_update_does_not_overwrite_a_newer_row()
    {
        var (model, dataSource) = await CreateAsync();
        await using var _ = dataSource;
        var newer = Record("p1", s_day) with { Status = PaymentStatus.Refunded, Refunded = 12.34m, UpdatedAt = s_day.AddMinutes(5) };
        await model.UpsertAsync(newer);

        await model.UpsertAsync(Record("p1", s_day));

        (await model.ListCreatedAsync(s_day, s_day.AddDays(1))).Single().Status.Should().Be(PaymentStatus.Refunded);
    }

    [Fact]
    public async Task Payments_are_listed_for_settlement_by_their_oldest_unsettled_movement()
    {
        var (model, dataSource) = await CreateAsync();
        await using var _ = dataSource;
        await model.UpsertAsync(Record("captured", s_day.AddHours(1)) with { UnsettledSince = s_day.AddHours(1) });
        await model.UpsertAsync(Record("settled", s_day.AddHours(2), batch: "settlement-20261120"));
        await model.UpsertAsync(Record("refunded-later", s_day.AddDays(-3), batch: "settlement-20261117") with { UnsettledSince = s_day.AddHours(5) });
        await model.UpsertAsync(Record("declined", s_day.AddHours(3), PaymentStatus.Declined));
        await model.UpsertAsync(Record("tomorrow", s_day.AddDays(1)) with { UnsettledSince = s_day.AddDays(1) });

        var unsettled = await model.ListUnsettledAsync(s_day.AddDays(1));

        unsettled.Select(p => p.PaymentId).Should().Equal("captured", "refunded-later");
        unsettled[1].UnsettledSince.Should().Be(s_day.AddHours(5));
    }
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresPaymentFlowTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Payments_made_through_grains_are_listed_from_postgres_for_settlement_and_reconciliation()
    {
        var connectionString = await postgres.CreateDatabaseAsync("payment_flow");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(dataSource, migrationAssemblies: [CommerceSchema.MigrationAssembly]).MigrateAsync();
        }
        await using var c = await PaymentCluster.StartAsync(configure: s => s.UsePostgresPayments(connectionString));
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await c.PayAsync("p1", 10m);
        await c.PayAsync("p2", 21.5m, "USD");
        c.Gateway.AlterRecord("p2", r => r with { Captured = 20m });

        var report = await c.Grains.GetGrain<IReconciliationGrain>(ExchangeRateKeys.Default).ReconcileAsync(from, DateTimeOffset.UtcNow.AddMinutes(1));
        var batch = await c.Grains.GetGrain<ISettlementGrain>(ExchangeRateKeys.Default).RunDailySettlementAsync(DateOnly.FromDateTime(DateTime.UtcNow));

        report.Matched.Should().Be(1);
        report.Mismatches.Should().ContainSingle().Which.Should().Match<ReconciliationMismatch>(m => m.Kind == MismatchKind.AmountMismatch && m.PaymentId == "p2");
        batch.PaymentIds.Should().BeEquivalentTo(["p1", "p2"]);
        batch.Totals.Select(t => (t.Currency, t.Captured)).Should().BeEquivalentTo(new[] { ("EUR", 10m), ("USD", 21.5m) });
    }
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresSettlementTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_refund_after_its_payments_day_was_settled_goes_into_the_next_batch_with_the_postgres_read_model()
    {
        var connectionString = await postgres.CreateDatabaseAsync("payment_settlement");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(dataSource, migrationAssemblies: [CommerceSchema.MigrationAssembly]).MigrateAsync();
        }
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var c = await PaymentCluster.StartAsync(clock, s => s.UsePostgresPayments(connectionString));
        var settlement = c.Grains.GetGrain<ISettlementGrain>(ExchangeRateKeys.Default);
        await c.PayAsync("p1", 100m);
        clock.Advance(TimeSpan.FromHours(15));
        await settlement.RunDailySettlementAsync(new DateOnly(2026, 11, 20));
        clock.Advance(TimeSpan.FromHours(2));
        await c.Payment("p1").RefundAsync("r1", new GrainInterfaces.Common.Money(30m, "EUR"), "");
        clock.Advance(TimeSpan.FromDays(1));

        var first = await settlement.RunDailySettlementAsync(new DateOnly(2026, 11, 21));
        var again = await settlement.RunDailySettlementAsync(new DateOnly(2026, 11, 21));
        var dayBefore = await settlement.RunDailySettlementAsync(new DateOnly(2026, 11, 20));

        first.Totals.Should().Equal(new CurrencyTotal("EUR", 1, 0m, 30m, -30m));
        again.Should().BeEquivalentTo(first);
        dayBefore.Totals.Should().Equal(new CurrencyTotal("EUR", 1, 100m, 0m, 100m));
    }
}
