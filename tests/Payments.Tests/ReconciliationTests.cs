using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using FluentAssertions;

namespace Commerce.Payments.Tests;

public sealed class ReconciliationTests
{
    [Fact]
    public async Task Agreeing_books_reconcile_without_mismatches()
    {
        await using var c = await PaymentCluster.StartAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await c.PayAsync("p1", 10m);
        await c.PayAsync("p2", 20m, token: SandboxTestTokens.Declined);
        await c.Payment("p1").RefundAsync("r1", new GrainInterfaces.Common.Money(4m, "EUR"), "");

        var report = await c.Grains.GetGrain<IReconciliationGrain>(ExchangeRateKeys.Default).ReconcileAsync(from, DateTimeOffset.UtcNow.AddMinutes(1));

        report.Mismatches.Should().BeEmpty();
        report.Matched.Should().Be(2);
    }

    [Fact]
    public async Task Each_planted_mismatch_is_reported_with_its_kind()
    {
        await using var c = await PaymentCluster.StartAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await c.PayAsync("amount", 10m);
        await c.PayAsync("status", 10m);
        await c.PayAsync("gone", 10m);
        await c.PayAsync("fine", 10m);
        c.Gateway.AlterRecord("amount", r => r with { Captured = 9.99m });
        c.Gateway.AlterRecord("status", r => r with { Status = GatewayChargeStatus.Refunded, Refunded = r.Captured });
        c.Gateway.RemoveRecord("gone");
        var now = DateTimeOffset.UtcNow;
        c.Gateway.PlantRecord(new GatewayRecord("ch_x", "stranger", "order-x", PaymentMethodKind.Card, 5m, "EUR", GatewayChargeStatus.Captured, 5m, 0m, null, now, now));

        var reconciliation = c.Grains.GetGrain<IReconciliationGrain>(ExchangeRateKeys.Default);
        var report = await reconciliation.ReconcileAsync(from, DateTimeOffset.UtcNow.AddMinutes(1));

        report.Mismatches.Select(m => (m.Kind, m.PaymentId)).Should().BeEquivalentTo(new[]
        {
            (MismatchKind.AmountMismatch, "amount"),
            (MismatchKind.StatusMismatch, "status"),
            (MismatchKind.MissingAtGateway, "gone"),
            (MismatchKind.MissingOnOurSide, "stranger"),
        });
        report.Mismatches.Single(m => m.Kind == MismatchKind.AmountMismatch).OrderId.Should().Be("order-amount");
        report.Matched.Should().Be(1);
        (await reconciliation.GetLastReportAsync()).Should().BeEquivalentTo(report);
    }

    [Fact]
    public async Task A_refund_settled_in_a_later_batch_than_its_payment_is_no_mismatch()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var c = await PaymentCluster.StartAsync(clock);
        var settlement = c.Grains.GetGrain<ISettlementGrain>(ExchangeRateKeys.Default);
        var reconciliation = c.Grains.GetGrain<IReconciliationGrain>(ExchangeRateKeys.Default);
        var day1 = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        await c.PayAsync("p1", 100m);
        await c.PayAsync("amount", 10m);
        clock.Advance(TimeSpan.FromHours(15));
        await settlement.RunDailySettlementAsync(new DateOnly(2026, 11, 20));
        clock.Advance(TimeSpan.FromHours(5));
        await c.Payment("p1").RefundAsync("r1", new GrainInterfaces.Common.Money(40m, "EUR"), "");
        clock.Advance(TimeSpan.FromDays(1));
        var next = await settlement.RunDailySettlementAsync(new DateOnly(2026, 11, 21));
        c.Gateway.AlterRecord("amount", r => r with { Captured = 9m });

        var first = await reconciliation.ReconcileAsync(day1, day1.AddDays(1));
        var second = await reconciliation.ReconcileAsync(day1.AddDays(1), day1.AddDays(2));

        next.Totals.Should().Equal(new CurrencyTotal("EUR", 1, 0m, 40m, -40m));
        first.Mismatches.Should().ContainSingle().Which.Should().Match<ReconciliationMismatch>(m => m.Kind == MismatchKind.AmountMismatch && m.PaymentId == "amount");
        first.Matched.Should().Be(1);
        second.Mismatches.Should().BeEmpty();
    }

    [Fact]
    public async Task Blocked_payments_are_not_expected_at_the_gateway()
    {
        await using var c = await PaymentCluster.StartAsync(configure: s => Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions
            .Configure<Commerce.Grains.Payments.Risk.FraudRiskOptions>(s, o => o.BlockThreshold = 1));
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        (await c.PayAsync("p1", 10m, billing: "US", ip: "RU")).Status.Should().Be(PaymentStatus.Blocked);

        var report = await c.Grains.GetGrain<IReconciliationGrain>(ExchangeRateKeys.Default).ReconcileAsync(from, DateTimeOffset.UtcNow.AddMinutes(1));

        report.Mismatches.Should().BeEmpty();
    }
}
