using Commerce.GrainInterfaces.Payments;
using Commerce.GrainInterfaces.Webhooks;
using Commerce.Grains.Payments.Gateway;
using FluentAssertions;

namespace Commerce.Payments.Tests;

/// <summary>
/// <see cref="IWebhookIntakeGrain"/>, which the API hands raw webhooks to: the silo verifies them with its own
/// secrets and answers with the verdict the HTTP edge turns into 200, 400 or 401.
/// </summary>
public sealed class WebhookIntakeGrainTests
{
    [Fact]
    public async Task A_genuine_payment_callback_is_accepted_and_applied()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("p1", 100m, method: PaymentMethodKind.BankTransfer, token: SandboxTestTokens.BankAccount);
        var callback = c.Gateway.PendingCallbacks.Single();

        var receipt = await Intake(c).ReceivePaymentCallbackAsync(callback.Body, callback.SignatureHeader);

        receipt.Should().Be(WebhookReceipt.Accepted);
        (await c.Payment("p1").GetAsync()).Status.Should().Be(PaymentStatus.Captured);
    }

    [Fact]
    public async Task Forged_unsigned_and_unreadable_payment_callbacks_are_refused_with_the_reason()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("p1", 100m, method: PaymentMethodKind.BankTransfer, token: SandboxTestTokens.BankAccount);
        var genuine = c.Gateway.PendingCallbacks.Single();
        var forged = PaymentCallbackSignature.CreateHeader("not-the-secret", DateTimeOffset.UtcNow, genuine.Body);
        const string unreadable = "not json";

        (await Intake(c).ReceivePaymentCallbackAsync(genuine.Body, forged)).Should().Be(WebhookReceipt.Unverified("BadSignature"));
        (await Intake(c).ReceivePaymentCallbackAsync(genuine.Body, null)).Should().Be(WebhookReceipt.Unverified("MissingOrMalformedSignature"));
        (await Intake(c).ReceivePaymentCallbackAsync(unreadable, PaymentCallbackSignature.CreateHeader(new PaymentCallbackOptions().Secret, DateTimeOffset.UtcNow, unreadable)))
            .Should().Be(WebhookReceipt.Malformed("MalformedBody"));
        (await c.Payment("p1").GetAsync()).Status.Should().Be(PaymentStatus.Pending);
    }

    [Fact]
    public async Task An_unsigned_carrier_event_is_refused_with_the_carriers_reason()
    {
        await using var c = await PaymentCluster.StartAsync();

        (await Intake(c).ReceiveCarrierEventAsync("{}", "")).Should().Be(WebhookReceipt.Unverified("missing-signature"));
        (await Intake(c).ReceiveCarrierEventAsync("", "t=1,v1=00")).Should().Be(WebhookReceipt.Unverified("empty-body"));
    }

    private static IWebhookIntakeGrain Intake(PaymentCluster c) => c.Grains.GetGrain<IWebhookIntakeGrain>(0);
}
