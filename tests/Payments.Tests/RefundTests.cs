using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using FluentAssertions;

namespace Commerce.Payments.Tests;

public sealed class RefundTests
{
    [Fact]
    public async Task Partial_refunds_add_up_to_a_full_refund()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("p1", 100m);

        var first = await c.Payment("p1").RefundAsync("r1", new Money(30m, "EUR"), "damaged item");
        var second = await c.Payment("p1").RefundAsync("r2", new Money(70m, "EUR"), "returned");

        first.PaymentStatus.Should().Be(PaymentStatus.PartiallyRefunded);
        first.TotalRefunded.Should().Be(new Money(30m, "EUR"));
        second.PaymentStatus.Should().Be(PaymentStatus.Refunded);
        second.TotalRefunded.Should().Be(new Money(100m, "EUR"));
        var gateway = await c.Gateway.GetChargeAsync("p1");
        gateway!.Refunded.Should().Be(100m);
        gateway.Status.Should().Be(GatewayChargeStatus.Refunded);
        (await c.Payment("p1").GetAsync()).Refunds.Select(r => r.RefundId).Should().Equal("r1", "r2");
    }

    [Fact]
    public async Task Refunding_more_than_was_captured_is_refused()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("p1", 100m);
        await c.Payment("p1").RefundAsync("r1", new Money(60m, "EUR"), "");

        var over = () => c.Payment("p1").RefundAsync("r2", new Money(40.01m, "EUR"), "");

        (await over.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("over-refund");
        (await c.Payment("p1").GetAsync()).Refunded.Should().Be(new Money(60m, "EUR"));
    }

    [Fact]
    public async Task A_refund_is_idempotent_by_refund_id()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("p1", 100m);

        var first = await c.Payment("p1").RefundAsync("r1", new Money(30m, "EUR"), "late delivery");
        var again = await c.Payment("p1").RefundAsync("r1", new Money(30m, "EUR"), "late delivery");
        var reused = () => c.Payment("p1").RefundAsync("r1", new Money(31m, "EUR"), "late delivery");

        again.Should().BeEquivalentTo(first);
        (await reused.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("refund-id-reused");
        (await c.Gateway.GetChargeAsync("p1"))!.Refunded.Should().Be(30m);
    }

    [Fact]
    public async Task Only_captured_payments_can_be_refunded_in_their_own_currency()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("declined", 100m, token: SandboxTestTokens.Declined);
        await c.PayAsync("p1", 100m);

        var notCaptured = () => c.Payment("declined").RefundAsync("r1", new Money(1m, "EUR"), "");
        var otherCurrency = () => c.Payment("p1").RefundAsync("r1", new Money(1m, "USD"), "");
        var negative = () => c.Payment("p1").RefundAsync("r1", new Money(-1m, "EUR"), "");
        var unknown = () => c.Payment("nope").RefundAsync("r1", new Money(1m, "EUR"), "");

        (await notCaptured.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("not-refundable");
        (await otherCurrency.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("amount.currency");
        (await negative.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("amount");
        await unknown.Should().ThrowAsync<NotFoundException>();
    }
}
