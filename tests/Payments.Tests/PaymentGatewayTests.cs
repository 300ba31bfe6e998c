using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Payments.Tests;

public sealed class PaymentGatewayTests
{
    [Fact]
    public async Task Card_payment_is_authorized_and_captured_at_once_with_a_timed_history()
    {
        await using var c = await PaymentCluster.StartAsync();

        var result = await c.PayAsync("p1", 25.50m);

        result.Status.Should().Be(PaymentStatus.Captured);
        result.Risk!.Decision.Should().Be(RiskDecision.Allow);
        var snapshot = await c.Payment("p1").GetAsync();
        snapshot.Captured.Should().Be(new Money(25.50m, "EUR"));
        snapshot.GatewayReference.Should().StartWith("ch_");
        snapshot.History.Select(h => h.Status).Should().ContainInOrder(PaymentStatus.Pending, PaymentStatus.Authorized, PaymentStatus.Captured);
        snapshot.History.Should().OnlyContain(h => h.At > DateTimeOffset.UtcNow.AddMinutes(-1));
        (await c.Gateway.GetChargeAsync("p1"))!.Status.Should().Be(GatewayChargeStatus.Captured);
        c.Notifier.Outcomes.Should().BeEmpty("only payments that were pending are announced");
    }

    [Theory]
    [InlineData(PaymentMethodKind.Card, SandboxTestTokens.Declined, "card-declined")]
    [InlineData(PaymentMethodKind.Card, SandboxTestTokens.CardNumberInsufficientFunds, "insufficient-funds")]
    [InlineData(PaymentMethodKind.Card, SandboxTestTokens.InsufficientFunds, "insufficient-funds")]
    [InlineData(PaymentMethodKind.Wallet, SandboxTestTokens.WalletDeclined, "wallet-declined")]
    public async Task Declines_are_reported_with_the_gateways_code(PaymentMethodKind method, string token, string code)
    {
        await using var c = await PaymentCluster.StartAsync();

        var result = await c.PayAsync("p1", 10m, method: method, token: token);

        result.Status.Should().Be(PaymentStatus.Declined);
        result.Reason.Should().Be(code);
        (await c.Grains.GetGrain<IPaymentRiskGrain>("ann").GetProfileAsync()).Attempts.Single().Declined.Should().BeTrue();
    }

    [Fact]
    public async Task Wallet_payment_is_captured_at_once()
    {
        await using var c = await PaymentCluster.StartAsync();

        (await c.PayAsync("p1", 10m, method: PaymentMethodKind.Wallet, token: SandboxTestTokens.Wallet)).Status.Should().Be(PaymentStatus.Captured);
    }

    [Fact]
    public async Task A_gateway_timeout_leaves_the_payment_pending_until_the_callback_captures_it_and_tells_the_order()
    {
        await using var c = await PaymentCluster.StartAsync();

        var result = await c.PayAsync("p1", 40m, token: SandboxTestTokens.Timeout);

        result.Status.Should().Be(PaymentStatus.Pending);
        result.Reason.Should().Be("gateway-timeout");
        var outcomes = await c.Gateway.DeliverPendingCallbacksAsync();
        outcomes.Should().Equal(WebhookOutcome.Accepted, WebhookOutcome.Accepted);
        (await c.Payment("p1").GetAsync()).Status.Should().Be(PaymentStatus.Captured);
        var told = await c.Notifier.WaitForAsync("p1");
        told.Status.Should().Be(PaymentStatus.Captured);
        c.Notifier.Outcomes.Single().OrderId.Should().Be("order-p1");
    }

    [Fact]
    public async Task A_gateway_timeout_is_resolved_by_a_status_query()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("p1", 40m, token: SandboxTestTokens.CardNumberTimeout);

        var result = await c.Payment("p1").QueryGatewayStatusAsync();

        result.Status.Should().Be(PaymentStatus.Captured);
        (await c.Notifier.WaitForAsync("p1")).Status.Should().Be(PaymentStatus.Captured);
        // The late callback changes nothing.
        await c.Gateway.DeliverPendingCallbacksAsync();
        (await c.Payment("p1").GetAsync()).History.Count(h => h.Status == PaymentStatus.Captured).Should().Be(1);
    }

    [Fact]
    public async Task The_follow_up_reminder_resolves_a_pending_payment_whose_callback_is_lost()
    {
        await using var c = await PaymentCluster.StartAsync(configure: s =>
            s.Configure<Commerce.Grains.Payments.PaymentOptions>(o => o.FollowUpPeriod = TimeSpan.FromMilliseconds(200)));
        await c.PayAsync("p1", 40m, token: SandboxTestTokens.Timeout);

        (await c.Notifier.WaitForAsync("p1", TimeSpan.FromSeconds(15))).Status.Should().Be(PaymentStatus.Captured);
    }

    [Fact]
    public async Task A_bank_transfer_is_pending_until_its_callback()
    {
        await using var c = await PaymentCluster.StartAsync();

        (await c.PayAsync("ok", 100m, method: PaymentMethodKind.BankTransfer, token: SandboxTestTokens.BankAccount)).Status.Should().Be(PaymentStatus.Pending);
        (await c.PayAsync("ko", 100m, method: PaymentMethodKind.BankTransfer, token: SandboxTestTokens.BankAccountFailing)).Status.Should().Be(PaymentStatus.Pending);
        (await c.Payment("ok").GetAsync()).Status.Should().Be(PaymentStatus.Pending);

        await c.Gateway.DeliverPendingCallbacksAsync();

        (await c.Payment("ok").GetAsync()).Status.Should().Be(PaymentStatus.Captured);
        var failed = await c.Payment("ko").GetAsync();
        failed.Status.Should().Be(PaymentStatus.Failed);
        failed.Reason.Should().Be("transfer-failed");
        (await c.Notifier.WaitForAsync("ok")).Status.Should().Be(PaymentStatus.Captured);
        (await c.Notifier.WaitForAsync("ko")).Status.Should().Be(PaymentStatus.Failed);
    }

    [Fact]
    public async Task Duplicate_callbacks_are_ignored()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("p1", 100m, method: PaymentMethodKind.BankTransfer, token: SandboxTestTokens.BankAccount);
        var callback = c.Gateway.PendingCallbacks.Single();

        await c.Gateway.DeliverPendingCallbacksAsync();
        for (var i = 0; i < 3; i++) (await c.Webhook.ReceiveAsync(callback.Body, callback.SignatureHeader)).Should().Be(WebhookOutcome.Accepted);

        var snapshot = await c.Payment("p1").GetAsync();
        snapshot.History.Count(h => h.Status == PaymentStatus.Captured).Should().Be(1);
        await c.Notifier.WaitForAsync("p1");
        await Task.Delay(200);
        c.Notifier.Outcomes.Should().ContainSingle();
    }

    [Fact]
    public async Task Forged_and_tampered_callbacks_are_refused_and_change_nothing()
    {
        await using var c = await PaymentCluster.StartAsync();
        await c.PayAsync("p1", 100m, method: PaymentMethodKind.BankTransfer, token: SandboxTestTokens.BankAccount);
        var genuine = c.Gateway.PendingCallbacks.Single();
        var forgedHeader = PaymentCallbackSignature.CreateHeader("not-the-secret", DateTimeOffset.UtcNow, genuine.Body);
        var tamperedBody = genuine.Body.Replace("100", "1", StringComparison.Ordinal);

        (await c.Webhook.ReceiveAsync(genuine.Body, forgedHeader)).Should().Be(WebhookOutcome.BadSignature);
        (await c.Webhook.ReceiveAsync(tamperedBody, genuine.SignatureHeader)).Should().Be(WebhookOutcome.BadSignature);
        (await c.Webhook.ReceiveAsync(genuine.Body, null)).Should().Be(WebhookOutcome.MissingOrMalformedSignature);
        (await c.Webhook.ReceiveAsync(genuine.Body, "t=abc,v1=00")).Should().Be(WebhookOutcome.MissingOrMalformedSignature);

        (await c.Payment("p1").GetAsync()).Status.Should().Be(PaymentStatus.Pending);
    }

    [Fact]
    public async Task A_replayed_callback_older_than_the_tolerance_is_refused()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("p1", 100m, method: PaymentMethodKind.BankTransfer, token: SandboxTestTokens.BankAccount);
        var callback = c.Gateway.PendingCallbacks.Single();

        clock.Advance(TimeSpan.FromMinutes(6));

        (await c.Webhook.ReceiveAsync(callback.Body, callback.SignatureHeader)).Should().Be(WebhookOutcome.Expired);
        (await c.Payment("p1").GetAsync()).Status.Should().Be(PaymentStatus.Pending);
    }

    [Fact]
    public async Task Paying_again_with_the_same_request_returns_the_first_result_and_a_different_request_is_refused()
    {
        await using var c = await PaymentCluster.StartAsync();
        var first = await c.PayAsync("p1", 10m);

        var again = await c.PayAsync("p1", 10m);
        var reused = () => c.PayAsync("p1", 11m);

        again.Should().BeEquivalentTo(first);
        (await reused.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("payment-id-reused");
        (await c.Gateway.ListRecordsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Should().ContainSingle();
    }

    [Theory]
    [InlineData(0, "EUR", "amount")]
    [InlineData(-5, "EUR", "amount")]
    [InlineData(10.001, "EUR", "amount")]
    [InlineData(10.5, "JPY", "amount")]
    [InlineData(10, "XXX", "amount.currency")]
    public async Task Invalid_amounts_are_refused_naming_the_field(decimal amount, string currency, string field)
    {
        await using var c = await PaymentCluster.StartAsync();

        var pay = () => c.PayAsync("p1", amount, currency);

        (await pay.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be(field);
    }

    [Fact]
    public async Task A_request_for_another_payment_id_or_without_a_token_is_refused()
    {
        await using var c = await PaymentCluster.StartAsync();

        var wrongKey = () => c.Payment("p1").PayAsync(PaymentCluster.Request("p2", 10m));
        var noToken = () => c.PayAsync("p1", 10m, token: " ");
        var badCountry = () => c.PayAsync("p1", 10m, billing: "Germany");

        (await wrongKey.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("paymentId");
        (await noToken.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("methodToken");
        (await badCountry.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("billingCountry");
    }
}

public sealed class SandboxAutoDeliveryTests
{
    [Fact]
    public async Task The_sandbox_delivers_signed_callbacks_by_itself_and_duplicates_do_no_harm()
    {
        await using var c = await PaymentCluster.StartAsync(configure: s => s.Configure<SandboxGatewayOptions>(o =>
        {
            o.AutoDeliverCallbacks = true;
            o.CallbackDelay = TimeSpan.FromMilliseconds(50);
            o.DuplicateDeliveries = 2;
        }));

        (await c.PayAsync("p1", 100m, method: PaymentMethodKind.BankTransfer, token: SandboxTestTokens.BankAccount)).Status.Should().Be(PaymentStatus.Pending);

        (await c.Notifier.WaitForAsync("p1")).Status.Should().Be(PaymentStatus.Captured);
        await Task.Delay(300);
        c.Notifier.Outcomes.Should().ContainSingle();
        (await c.Payment("p1").GetAsync()).History.Count(h => h.Status == PaymentStatus.Captured).Should().Be(1);
    }
}

public sealed class LostGatewayAnswerTests
{
    [Fact]
    public async Task A_lost_gateway_answer_leaves_the_payment_pending_and_a_status_query_finds_the_charge()
    {
        await using var c = await PaymentCluster.StartAsync(configure: s =>
            s.AddSingleton<IPaymentGateway>(sp => new LostAnswerGateway(sp.GetRequiredService<SandboxPaymentGateway>())));

        var result = await c.PayAsync("p1", 10m);

        result.Status.Should().Be(PaymentStatus.Pending);
        result.Reason.Should().Be("gateway-unreachable");
        (await c.Payment("p1").QueryGatewayStatusAsync()).Status.Should().Be(PaymentStatus.Captured);
        (await c.Notifier.WaitForAsync("p1")).Status.Should().Be(PaymentStatus.Captured);
    }

    [Fact]
    public async Task A_correctly_signed_callback_with_an_unreadable_body_is_refused()
    {
        await using var c = await PaymentCluster.StartAsync();
        const string body = "not json";

        var outcome = await c.Webhook.ReceiveAsync(body, PaymentCallbackSignature.CreateHeader(new PaymentCallbackOptions().Secret, DateTimeOffset.UtcNow, body));

        outcome.Should().Be(WebhookOutcome.MalformedBody);
    }
}
