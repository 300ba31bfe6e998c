using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Payments;
using Commerce.Grains.Payments.Reconciliation;
using FluentAssertions;

namespace Commerce.Payments.Tests;

public sealed class SettlementTests
{
    [Fact]
    public async Task The_daily_run_settles_the_days_captured_payments_with_totals_per_currency()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("e1", 100m);
        await c.PayAsync("e2", 50m);
        await c.PayAsync("u1", 108m, "USD");
        await c.PayAsync("declined", 70m, token: SandboxTestTokens.Declined);
        await c.Payment("e2").RefundAsync("r1", new Money(20m, "EUR"), "");
        clock.Advance(TimeSpan.FromDays(1));
        await c.PayAsync("next-day", 10m);

        var batch = await c.Grains.GetGrain<ISettlementGrain>(ExchangeRateKeys.Default).RunDailySettlementAsync(new DateOnly(2026, 11, 20));

        batch.PaymentIds.Should().BeEquivalentTo(["e1", "e2", "u1"]);
        batch.Totals.Should().BeEquivalentTo(new[]
        {
            new CurrencyTotal("EUR", 2, 150m, 20m, 130m),
            new CurrencyTotal("USD", 1, 108m, 0m, 108m),
        });
        batch.NetInSettlementCurrency.Should().Be(new Money(230m, "EUR"));
        (await c.Payment("e1").GetAsync()).SettlementBatchId.Should().Be(batch.BatchId);
        (await c.Payment("next-day").GetAsync()).SettlementBatchId.Should().BeNull();
    }

    [Fact]
    public async Task Running_a_day_again_settles_nothing_twice()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("e1", 100m);
        var settlement = c.Grains.GetGrain<ISettlementGrain>(ExchangeRateKeys.Default);
        var day = new DateOnly(2026, 11, 20);
        await settlement.RunDailySettlementAsync(day);
        clock.Advance(TimeSpan.FromHours(1));
        await c.PayAsync("e2", 5m);

        var again = await settlement.RunDailySettlementAsync(day);

        again.PaymentIds.Should().BeEquivalentTo(["e1", "e2"]);
        again.Totals.Single().Should().Be(new CurrencyTotal("EUR", 2, 105m, 0m, 105m));
        (await settlement.GetBatchAsync(day)).Should().BeEquivalentTo(again);
        (await c.Payment("e1").MarkSettledAsync("another-batch")).Should().BeFalse();
    }
}

public sealed class DailyScheduleTests
{
    [Fact]
    public async Task The_daily_settlement_tick_settles_the_previous_day()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("e1", 100m);
        clock.Advance(TimeSpan.FromHours(15));
        var settlement = c.Grains.GetGrain<ISettlementGrain>(ExchangeRateKeys.Default);
        await settlement.StartDailySettlementAsync();

        await settlement.ReceiveReminder(SettlementGrain.DailyReminder,
            new Commerce.Runtime.TickStatus(new DateTime(2026, 11, 21, 1, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1), new DateTime(2026, 11, 21, 1, 0, 0, DateTimeKind.Utc)));

        (await settlement.GetBatchAsync(new DateOnly(2026, 11, 20)))!.PaymentIds.Should().Equal("e1");
    }

    [Fact]
    public async Task The_daily_reconciliation_tick_reconciles_the_previous_day()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("e1", 100m);
        c.Gateway.RemoveRecord("e1");
        clock.Advance(TimeSpan.FromHours(16));
        var reconciliation = c.Grains.GetGrain<IReconciliationGrain>(ExchangeRateKeys.Default);
        await reconciliation.StartDailyReconciliationAsync();

        await reconciliation.ReceiveReminder(ReconciliationGrain.DailyReminder,
            new Commerce.Runtime.TickStatus(new DateTime(2026, 11, 21, 2, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1), new DateTime(2026, 11, 21, 2, 0, 0, DateTimeKind.Utc)));

        var report = await reconciliation.GetLastReportAsync();
        report!.From.Should().Be(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero));
        report.Mismatches.Should().ContainSingle().Which.Kind.Should().Be(MismatchKind.MissingAtGateway);
    }
}
