using Commerce.Grains.Payments.Gateway;
using FluentAssertions;
using Microsoft.Extensions.Options;

namespace Commerce.Payments.Tests;

public sealed class PaymentCallbackVerifierTests
{
    private const string Secret = "a-shared-webhook-secret";
    private const string Body = """{"eventId":"evt_1","paymentId":"p1"}""";
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static PaymentCallbackVerifier Verifier(DateTimeOffset now) =>
        new(Options.Create(new PaymentCallbackOptions { Secret = Secret, Tolerance = TimeSpan.FromMinutes(5) }), new ManualClock(now));

    [Fact]
    public void A_callback_signed_with_the_shared_secret_is_valid()
    {
        Verifier(s_now).Verify(Body, PaymentCallbackSignature.CreateHeader(Secret, s_now, Body)).Should().Be(CallbackVerification.Valid);
    }

    [Fact]
    public void A_signature_made_with_another_secret_or_over_another_body_is_refused()
    {
        Verifier(s_now).Verify(Body, PaymentCallbackSignature.CreateHeader("guess", s_now, Body)).Should().Be(CallbackVerification.BadSignature);
        Verifier(s_now).Verify(Body + " ", PaymentCallbackSignature.CreateHeader(Secret, s_now, Body)).Should().Be(CallbackVerification.BadSignature);
    }

    [Fact]
    public void Changing_the_timestamp_breaks_the_signature()
    {
        var header = PaymentCallbackSignature.CreateHeader(Secret, s_now.AddMinutes(-30), Body);
        var moved = header.Replace($"t={s_now.AddMinutes(-30).ToUnixTimeSeconds()}", $"t={s_now.ToUnixTimeSeconds()}", StringComparison.Ordinal);

        Verifier(s_now).Verify(Body, moved).Should().Be(CallbackVerification.BadSignature);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void A_timestamp_outside_the_tolerance_is_refused_as_a_replay(int minutes)
    {
        Verifier(s_now).Verify(Body, PaymentCallbackSignature.CreateHeader(Secret, s_now.AddMinutes(minutes), Body)).Should().Be(CallbackVerification.Expired);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abcd")]
    [InlineData("t=1700000000")]
    [InlineData("t=1700000000,v1=zz")]
    [InlineData("garbage")]
    public void Missing_or_malformed_headers_are_refused(string? header)
    {
        Verifier(s_now).Verify(Body, header).Should().Be(CallbackVerification.MissingOrMalformedSignature);
    }
}
