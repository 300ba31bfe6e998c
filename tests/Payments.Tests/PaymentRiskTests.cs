using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using FluentAssertions;

namespace Commerce.Payments.Tests;

public sealed class PaymentRiskTests
{
    [Fact]
    public async Task A_blocked_payment_never_reaches_the_gateway_and_keeps_its_reasons()
    {
        await using var c = await PaymentCluster.StartAsync();
        for (var i = 0; i < 3; i++) await c.PayAsync($"d{i}", 10m, token: SandboxTestTokens.Declined);

        var result = await c.PayAsync("p1", 10m, billing: "DE", ip: "NG");

        result.Status.Should().Be(PaymentStatus.Blocked);
        result.Risk!.Decision.Should().Be(RiskDecision.Block);
        result.Reason.Should().Contain("repeated-declines").And.Contain("country-mismatch");
        (await c.Gateway.GetChargeAsync("p1")).Should().BeNull();
        var snapshot = await c.Payment("p1").GetAsync();
        snapshot.History.Should().ContainSingle().Which.Status.Should().Be(PaymentStatus.Blocked);
        (await c.Grains.GetGrain<IPaymentRiskGrain>("ann").GetProfileAsync()).Attempts.Last().Decision.Should().Be(RiskDecision.Block);
    }

    [Fact]
    public async Task A_flagged_payment_goes_through_and_says_so()
    {
        await using var c = await PaymentCluster.StartAsync();

        // The sandbox card token "tok_visa_us" is issued in the US.
        var result = await c.PayAsync("p1", 10m, token: "tok_visa_us", billing: "DE", ip: "DE");

        result.Status.Should().Be(PaymentStatus.Captured);
        result.Risk!.Decision.Should().Be(RiskDecision.Flag);
        (await c.Payment("p1").GetAsync()).History.First().Note.Should().Contain("flagged");
    }

    [Fact]
    public async Task Risk_history_counts_each_payment_once_and_tracks_outcomes()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("ok", 10m);
        await c.PayAsync("ok", 10m);
        await c.PayAsync("no", 10m, token: SandboxTestTokens.Declined);

        var profile = await c.Grains.GetGrain<IPaymentRiskGrain>("ann").GetProfileAsync();

        profile.Attempts.Select(a => (a.PaymentId, a.Succeeded, a.Declined)).Should().Equal(("ok", true, false), ("no", false, true));
    }

    [Fact]
    public async Task A_burst_of_payments_is_flagged_for_velocity()
    {
        await using var c = await PaymentCluster.StartAsync();
        for (var i = 0; i < 4; i++) await c.PayAsync($"p{i}", 10m);

        var fifth = await c.PayAsync("p4", 10m);

        fifth.Risk!.Reasons.Should().ContainSingle(r => r.StartsWith("velocity"));
    }
}
