using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Risk;
using FluentAssertions;

namespace Commerce.Payments.Tests;

public sealed class FraudRiskScorerTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly FraudRiskOptions s_options = new();

    private static RiskCheck Check(decimal amount = 50m, string? billing = "DE", string? ip = "DE", string? card = "DE") =>
        new("new", new Money(amount, "EUR"), billing, ip, card);

    private static RiskAttempt Attempt(TimeSpan ago, decimal amount = 50m, bool declined = false, bool succeeded = true) =>
        new(Guid.NewGuid().ToString("N"), s_now - ago, amount, 0, RiskDecision.Allow, declined, succeeded, []);

    [Fact]
    public void A_first_ordinary_payment_is_allowed_with_no_reasons()
    {
        var risk = FraudRiskScorer.Score(Check(), [], s_now, s_options);

        risk.Should().BeEquivalentTo(new RiskAssessment(0, RiskDecision.Allow, []));
    }

    [Fact]
    public void Many_attempts_in_the_velocity_window_raise_the_velocity_signal()
    {
        var burst = Enumerable.Range(0, 4).Select(i => Attempt(TimeSpan.FromMinutes(i))).ToList();
        var spread = Enumerable.Range(0, 4).Select(i => Attempt(TimeSpan.FromHours(i + 1))).ToList();

        var risk = FraudRiskScorer.Score(Check(), burst, s_now, s_options);

        risk.Score.Should().Be(s_options.VelocityScore);
        risk.Decision.Should().Be(RiskDecision.Flag);
        risk.Reasons.Should().ContainSingle(r => r.StartsWith("velocity"));
        FraudRiskScorer.Score(Check(), spread, s_now, s_options).Score.Should().Be(0);
    }

    [Fact]
    public void An_amount_far_above_the_users_average_is_an_anomaly_once_there_is_history()
    {
        var history = Enumerable.Range(1, 3).Select(i => Attempt(TimeSpan.FromDays(i), 40m)).ToList();

        FraudRiskScorer.Score(Check(201m), history, s_now, s_options).Reasons.Should().ContainSingle(r => r.StartsWith("amount-anomaly"));
        FraudRiskScorer.Score(Check(199m), history, s_now, s_options).Reasons.Should().BeEmpty();
        FraudRiskScorer.Score(Check(5_000m), history.Take(2).ToList(), s_now, s_options).Reasons.Should().BeEmpty("two payments are too little history");
    }

    [Theory]
    [InlineData("DE", "FR", "DE")]
    [InlineData("DE", "DE", "US")]
    [InlineData("de", null, "BR")]
    public void Disagreeing_billing_ip_and_card_countries_raise_the_country_signal(string? billing, string? ip, string? card)
    {
        FraudRiskScorer.Score(Check(billing: billing, ip: ip, card: card), [], s_now, s_options).Reasons.Should().ContainSingle(r => r.StartsWith("country-mismatch"));
    }

    [Fact]
    public void Countries_that_agree_or_are_unknown_raise_nothing()
    {
        FraudRiskScorer.Score(Check(billing: "de", ip: null, card: "DE"), [], s_now, s_options).Score.Should().Be(0);
    }

    [Fact]
    public void Repeated_recent_declines_raise_the_decline_signal()
    {
        var declines = Enumerable.Range(1, 3).Select(i => Attempt(TimeSpan.FromHours(i), declined: true, succeeded: false)).ToList();
        var old = Enumerable.Range(1, 3).Select(i => Attempt(TimeSpan.FromDays(i + 1), declined: true, succeeded: false)).ToList();

        FraudRiskScorer.Score(Check(), declines, s_now, s_options).Reasons.Should().ContainSingle(r => r.StartsWith("repeated-declines"));
        FraudRiskScorer.Score(Check(), old, s_now, s_options).Score.Should().Be(0);
    }

    [Fact]
    public void Two_strong_signals_together_block()
    {
        var declines = Enumerable.Range(1, 3).Select(i => Attempt(TimeSpan.FromHours(i), declined: true, succeeded: false)).ToList();

        var risk = FraudRiskScorer.Score(Check(billing: "DE", ip: "NG"), declines, s_now, s_options);

        risk.Decision.Should().Be(RiskDecision.Block);
        risk.Score.Should().Be(s_options.RepeatedDeclinesScore + s_options.CountryMismatchScore);
        risk.Reasons.Should().HaveCount(2);
    }
}
