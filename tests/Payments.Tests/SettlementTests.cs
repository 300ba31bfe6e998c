using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Payments;
using Commerce.Grains.Payments.Reconciliation;
using FluentAssertions;
using Orleans.Runtime;

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
        (await c.Payment("e1").SettleMovementsAsync("another-batch", [SettlementMovement.CaptureMovementId])).Should().BeEmpty();
        (await settlement.RunDailySettlementAsync(day)).Should().BeEquivalentTo(again, "nothing new: the stored batch, unchanged")
            .And.Match<SettlementBatch>(b => b.SettledAt == again.SettledAt);
    }
}

/// <summary>Every money movement (capture, refund) is settled in exactly one batch: its day's, or the next one run when that had run.</summary>
public sealed class SettlementMovementTests
{
    private static readonly DateOnly s_day1 = new(2026, 11, 20);
    private static readonly DateOnly s_day2 = new(2026, 11, 21);
    private static readonly DateOnly s_day3 = new(2026, 11, 22);

    private static ManualClock Clock() => new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));

    private static ISettlementGrain Settlement(PaymentCluster c) => c.Grains.GetGrain<ISettlementGrain>(ExchangeRateKeys.Default);

    /// <summary>Runs each day twice, in order, and checks the second run of each returned the first one's batch.</summary>
    private static async Task<List<SettlementBatch>> RunTwiceAsync(PaymentCluster c, params DateOnly[] days)
    {
        var batches = new List<SettlementBatch>();
        foreach (var day in days)
        {
            var first = await Settlement(c).RunDailySettlementAsync(day);
            var second = await Settlement(c).RunDailySettlementAsync(day);
            second.Should().BeEquivalentTo(first, $"running {day} again returns the same batch");
            batches.Add(first);
        }
        foreach (var (day, batch) in days.Zip(batches))
        {
            (await Settlement(c).RunDailySettlementAsync(day)).Should().BeEquivalentTo(batch, $"running {day} after later days changes nothing");
        }
        return batches;
    }

    [Fact]
    public async Task A_full_refund_after_its_payments_day_was_settled_appears_once_in_the_next_batch_as_a_negative_amount()
    {
        var clock = Clock();
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("p1", 100m);
        clock.Advance(TimeSpan.FromHours(15)); // 01:00 on day 2
        var day1 = (await RunTwiceAsync(c, s_day1)).Single();
        clock.Advance(TimeSpan.FromHours(9));
        await c.Payment("p1").RefundAsync("r1", new Money(100m, "EUR"), "returned");
        clock.Advance(TimeSpan.FromDays(1));

        var day2 = (await RunTwiceAsync(c, s_day1, s_day2))[1];

        day1.Totals.Should().Equal(new CurrencyTotal("EUR", 1, 100m, 0m, 100m));
        day2.Movements.Should().ContainSingle().Which.Should().Match<SettlementMovement>(m =>
            m.PaymentId == "p1" && m.MovementId == SettlementMovement.RefundMovementId("r1") && m.Kind == SettlementMovementKind.Refund
            && m.Amount == new Money(-100m, "EUR") && m.BatchId == day2.BatchId);
        day2.Totals.Should().Equal(new CurrencyTotal("EUR", 1, 0m, 100m, -100m));
        day2.NetInSettlementCurrency.Should().Be(new Money(-100m, "EUR"));
        day2.PaymentIds.Should().Equal("p1");
        (await c.Payment("p1").GetSettlementMovementsAsync()).Select(m => m.BatchId).Should().Equal(day1.BatchId, day2.BatchId);
    }

    [Fact]
    public async Task Partial_refunds_after_settlement_each_appear_once_in_the_batch_of_their_day()
    {
        var clock = Clock();
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("p1", 108m, "USD");
        clock.Advance(TimeSpan.FromHours(15));
        await Settlement(c).RunDailySettlementAsync(s_day1);
        clock.Advance(TimeSpan.FromHours(1));
        await c.Payment("p1").RefundAsync("r1", new Money(8m, "USD"), "damaged");
        clock.Advance(TimeSpan.FromDays(1));
        await c.Payment("p1").RefundAsync("r2", new Money(50m, "USD"), "returned");
        clock.Advance(TimeSpan.FromDays(1));

        var batches = await RunTwiceAsync(c, s_day1, s_day2, s_day3);

        batches.Select(b => b.Totals.Single()).Should().Equal(
            new CurrencyTotal("USD", 1, 108m, 0m, 108m),
            new CurrencyTotal("USD", 1, 0m, 8m, -8m),
            new CurrencyTotal("USD", 1, 0m, 50m, -50m));
        batches[1].Movements.Single().Amount.Should().Be(new Money(-8m, "USD"));
        batches[2].Movements.Single().Amount.Should().Be(new Money(-50m, "USD"));
        // Refunds are converted at the payment's rate, so the nets add up to what the payment left in EUR.
        var payment = await c.Payment("p1").GetAsync();
        batches.Sum(b => b.NetInSettlementCurrency.Amount).Should().Be(Math.Round(payment.SettlementAmount!.Amount * 50m / 108m, 2));
    }

    [Fact]
    public async Task Totals_across_batches_equal_captures_minus_refunds()
    {
        var clock = Clock();
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("a", 100m);
        await c.PayAsync("b", 40m);
        await c.PayAsync("u", 70m, "USD");
        await c.Payment("b").RefundAsync("b1", new Money(10m, "EUR"), "");
        clock.Advance(TimeSpan.FromHours(15));
        await Settlement(c).RunDailySettlementAsync(s_day1);
        await c.Payment("a").RefundAsync("a1", new Money(25m, "EUR"), "");
        await c.PayAsync("c", 60m);
        clock.Advance(TimeSpan.FromDays(1));
        await c.Payment("b").RefundAsync("b2", new Money(30m, "EUR"), "");
        await c.Payment("u").RefundAsync("u1", new Money(70m, "USD"), "");
        await c.Payment("c").RefundAsync("c1", new Money(0.5m, "EUR"), "");
        clock.Advance(TimeSpan.FromDays(1));

        var batches = await RunTwiceAsync(c, s_day1, s_day2, s_day3);

        var totals = batches.SelectMany(b => b.Totals).GroupBy(t => t.Currency)
            .ToDictionary(g => g.Key, g => (Captured: g.Sum(t => t.Captured), Refunded: g.Sum(t => t.Refunded), Net: g.Sum(t => t.Net)));
        totals["EUR"].Should().Be((200m, 65.5m, 134.5m));
        totals["USD"].Should().Be((70m, 70m, 0m));
        batches.SelectMany(b => b.Movements).Should().HaveCount(4 + 5)
            .And.OnlyHaveUniqueItems(m => m.PaymentId + "/" + m.MovementId);
        foreach (var id in new[] { "a", "b", "c", "u" })
        {
            (await c.Payment(id).GetSettlementMovementsAsync()).Should().OnlyContain(m => m.BatchId != null);
        }
    }

    [Fact]
    public async Task A_refund_on_the_same_day_before_its_batch_runs_is_settled_with_the_capture_and_never_again()
    {
        var clock = Clock();
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("p1", 100m);
        await c.Payment("p1").RefundAsync("r1", new Money(30m, "EUR"), "");
        clock.Advance(TimeSpan.FromDays(1));

        var batches = await RunTwiceAsync(c, s_day1, s_day2);

        batches[0].Totals.Should().Equal(new CurrencyTotal("EUR", 1, 100m, 30m, 70m));
        batches[0].Movements.Select(m => m.Amount.Amount).Should().Equal(100m, -30m);
        batches[0].NetInSettlementCurrency.Should().Be(new Money(70m, "EUR"));
        batches[1].Movements.Should().BeEmpty();
        batches[1].Totals.Should().BeEmpty();
        batches[1].NetInSettlementCurrency.Should().Be(new Money(0m, "EUR"));
    }

    [Fact]
    public async Task A_refund_made_after_its_days_batch_ran_is_carried_into_the_next_batch_run()
    {
        var clock = Clock();
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("p1", 100m);
        var early = await Settlement(c).RunDailySettlementAsync(s_day1);
        clock.Advance(TimeSpan.FromHours(2));
        await c.Payment("p1").RefundAsync("r1", new Money(30m, "EUR"), "");
        clock.Advance(TimeSpan.FromDays(1));

        var next = await Settlement(c).RunDailySettlementAsync(s_day2);
        var dayAgain = await Settlement(c).RunDailySettlementAsync(s_day1);

        next.Movements.Should().ContainSingle().Which.At.Should().Be(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        next.Totals.Should().Equal(new CurrencyTotal("EUR", 1, 0m, 30m, -30m));
        dayAgain.Should().BeEquivalentTo(early);
    }

    [Fact]
    public async Task A_movement_whose_days_batch_has_not_run_waits_for_that_batch()
    {
        var clock = Clock();
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("p1", 100m);
        clock.Advance(TimeSpan.FromDays(2));

        var later = await Settlement(c).RunDailySettlementAsync(s_day2);
        var own = await Settlement(c).RunDailySettlementAsync(s_day1);

        later.Movements.Should().BeEmpty();
        own.PaymentIds.Should().Equal("p1");
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
            new TickStatus(new DateTime(2026, 11, 21, 1, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1), new DateTime(2026, 11, 21, 1, 0, 0, DateTimeKind.Utc)));

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
            new TickStatus(new DateTime(2026, 11, 21, 2, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1), new DateTime(2026, 11, 21, 2, 0, 0, DateTimeKind.Utc)));

        var report = await reconciliation.GetLastReportAsync();
        report!.From.Should().Be(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero));
        report.Mismatches.Should().ContainSingle().Which.Kind.Should().Be(MismatchKind.MissingAtGateway);
    }
}
