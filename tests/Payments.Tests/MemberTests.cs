using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Members;
using Commerce.Grains.Members;
using FluentAssertions;
using Orleans.Runtime;

namespace Commerce.Payments.Tests;

public sealed class MemberTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    private static Task<TickStatus> Tick() => Task.FromResult(new TickStatus(DateTime.UtcNow, TimeSpan.FromDays(1), DateTime.UtcNow));

    [Fact]
    public async Task Points_are_earned_per_paid_order_once()
    {
        await using var c = await PaymentCluster.StartAsync(new ManualClock(s_start));
        var member = c.Grains.GetGrain<IMemberGrain>("ann");

        await member.EarnForOrderAsync("o1", new Money(120.99m, "EUR"));
        await member.EarnForOrderAsync("o1", new Money(120.99m, "EUR"));
        await member.EarnForOrderAsync("o2", new Money(54m, "USD"));

        var snapshot = await member.GetAsync();
        snapshot.AvailablePoints.Should().Be(120 + 50);
        snapshot.Lots.Select(l => l.OrderId).Should().Equal("o1", "o2");
        snapshot.RollingSpend.Should().Be(new Money(170.99m, "EUR"));
    }

    [Fact]
    public async Task Redemption_reserves_from_the_oldest_lot_first_and_confirms_idempotently()
    {
        var clock = new ManualClock(s_start);
        await using var c = await PaymentCluster.StartAsync(clock);
        var member = c.Grains.GetGrain<IMemberGrain>("ann");
        await member.EarnForOrderAsync("o1", new Money(100m, "EUR"));
        clock.Advance(TimeSpan.FromDays(1));
        await member.EarnForOrderAsync("o2", new Money(100m, "EUR"));

        var discount = await member.ReserveRedemptionAsync("o3", 150, "EUR");
        var again = await member.ReserveRedemptionAsync("o3", 150, "EUR");
        await member.ConfirmRedemptionAsync("o3");
        await member.ConfirmRedemptionAsync("o3");

        discount.Should().Be(new Money(1.50m, "EUR"));
        again.Should().Be(discount);
        var snapshot = await member.GetAsync();
        snapshot.AvailablePoints.Should().Be(50);
        snapshot.Lots.Should().ContainSingle().Which.Should().Match<PointsLot>(l => l.OrderId == "o2" && l.Remaining == 50);
        snapshot.Redemptions.Single().Status.Should().Be(RedemptionStatus.Confirmed);
        var cancel = () => member.CancelRedemptionAsync("o3");
        (await cancel.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");
    }

    [Fact]
    public async Task A_cancelled_reservation_returns_the_points_to_their_lots()
    {
        await using var c = await PaymentCluster.StartAsync(new ManualClock(s_start));
        var member = c.Grains.GetGrain<IMemberGrain>("ann");
        await member.EarnForOrderAsync("o1", new Money(100m, "EUR"));

        await member.ReserveRedemptionAsync("o2", 80, "USD");
        (await member.GetAsync()).Should().Match<MemberSnapshot>(s => s.AvailablePoints == 20 && s.ReservedPoints == 80);
        await member.CancelRedemptionAsync("o2");
        await member.CancelRedemptionAsync("o2");

        var snapshot = await member.GetAsync();
        snapshot.AvailablePoints.Should().Be(100);
        snapshot.ReservedPoints.Should().Be(0);
        var confirm = () => member.ConfirmRedemptionAsync("o2");
        (await confirm.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("invalid-transition");
    }

    [Fact]
    public async Task Redemption_discount_is_converted_to_the_checkout_currency()
    {
        await using var c = await PaymentCluster.StartAsync(new ManualClock(s_start));
        var member = c.Grains.GetGrain<IMemberGrain>("ann");
        await member.EarnForOrderAsync("o1", new Money(1_001m, "EUR"));

        (await member.ReserveRedemptionAsync("o2", 1_000, "USD")).Should().Be(new Money(10.80m, "USD"));
        (await member.ReserveRedemptionAsync("o3", 1, "JPY")).Should().Be(new Money(2m, "JPY"));
    }

    [Fact]
    public async Task Redeeming_more_points_than_available_or_bad_input_is_refused()
    {
        await using var c = await PaymentCluster.StartAsync(new ManualClock(s_start));
        var member = c.Grains.GetGrain<IMemberGrain>("ann");
        await member.EarnForOrderAsync("o1", new Money(100m, "EUR"));

        var tooMany = () => member.ReserveRedemptionAsync("o2", 101, "EUR");
        var zero = () => member.ReserveRedemptionAsync("o2", 0, "EUR");
        var unknownCurrency = () => member.ReserveRedemptionAsync("o2", 10, "XYZ");
        var noOrder = () => member.ReserveRedemptionAsync(" ", 10, "EUR");
        var confirmUnknown = () => member.ConfirmRedemptionAsync("nothing");

        (await tooMany.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("insufficient-points");
        (await zero.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("points");
        (await unknownCurrency.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("currency");
        (await noOrder.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("orderId");
        await confirmUnknown.Should().ThrowAsync<NotFoundException>();
        (await member.GetAsync()).AvailablePoints.Should().Be(100);
    }

    [Fact]
    public async Task Lots_expire_on_their_date_and_the_reminder_sweeps_them()
    {
        var clock = new ManualClock(s_start);
        await using var c = await PaymentCluster.StartAsync(clock);
        var member = c.Grains.GetGrain<IMemberGrain>("ann");
        await member.EarnForOrderAsync("old", new Money(100m, "EUR"));
        clock.Advance(TimeSpan.FromDays(200));
        await member.EarnForOrderAsync("new", new Money(30m, "EUR"));
        clock.Advance(TimeSpan.FromDays(170));

        var beforeSweep = await member.GetAsync();
        await member.ReceiveReminder(MemberGrain.ExpiryReminder, await Tick());
        await member.ReceiveReminder(MemberGrain.ExpiryReminder, await Tick());
        var afterSweep = await member.GetAsync();

        beforeSweep.AvailablePoints.Should().Be(30, "an expired lot never counts, swept or not");
        afterSweep.AvailablePoints.Should().Be(30);
        afterSweep.ExpiredPoints.Should().Be(100);
        afterSweep.Lots.Should().ContainSingle().Which.OrderId.Should().Be("new");
        var redeemExpired = () => member.ReserveRedemptionAsync("o", 31, "EUR");
        (await redeemExpired.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("insufficient-points");
    }

    [Fact]
    public async Task The_tier_follows_rolling_spend_with_its_benefits()
    {
        var clock = new ManualClock(s_start);
        await using var c = await PaymentCluster.StartAsync(clock);
        var member = c.Grains.GetGrain<IMemberGrain>("ann");

        (await member.GetAsync()).Benefits.Should().Be(new TierBenefits(MemberTier.Bronze, 0m, false));
        await member.EarnForOrderAsync("o1", new Money(600m, "EUR"));
        (await member.GetAsync()).Tier.Should().Be(MemberTier.Silver);
        await member.EarnForOrderAsync("o2", new Money(1_500m, "EUR"));
        (await member.GetAsync()).Benefits.Should().Be(new TierBenefits(MemberTier.Gold, 5m, true));
        await member.EarnForOrderAsync("o3", new Money(3_000m, "EUR"));
        (await member.GetAsync()).Tier.Should().Be(MemberTier.Platinum);

        clock.Advance(TimeSpan.FromDays(366));

        (await member.GetAsync()).Tier.Should().Be(MemberTier.Bronze, "spend older than the window no longer counts");
    }

    [Fact]
    public async Task Reversing_an_order_takes_back_its_points_and_spend_once()
    {
        await using var c = await PaymentCluster.StartAsync(new ManualClock(s_start));
        var member = c.Grains.GetGrain<IMemberGrain>("ann");
        await member.EarnForOrderAsync("o1", new Money(600m, "EUR"));
        await member.EarnForOrderAsync("o2", new Money(100m, "EUR"));
        await member.ReserveRedemptionAsync("o3", 650, "EUR");
        await member.ConfirmRedemptionAsync("o3");

        await member.ReverseEarnForOrderAsync("o2");
        await member.ReverseEarnForOrderAsync("o2");
        await member.EarnForOrderAsync("o2", new Money(100m, "EUR"));

        var snapshot = await member.GetAsync();
        snapshot.AvailablePoints.Should().Be(0, "the 50 points o2 still had are taken back");
        snapshot.RollingSpend.Should().Be(new Money(600m, "EUR"));
        snapshot.Tier.Should().Be(MemberTier.Silver);
    }

    [Fact]
    public void Tier_policy_picks_the_highest_tier_reached()
    {
        var rules = new MemberOptions().Tiers;

        TierPolicy.For(0m, rules).Tier.Should().Be(MemberTier.Bronze);
        TierPolicy.For(499.99m, rules).Tier.Should().Be(MemberTier.Bronze);
        TierPolicy.For(500m, rules).Tier.Should().Be(MemberTier.Silver);
        TierPolicy.For(5_000m, rules).Should().Be(new TierBenefits(MemberTier.Platinum, 8m, true));
    }
}
