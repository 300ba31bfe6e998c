using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Risk;

/// <summary>
/// Scores one payment attempt against the user's history. Pure: same input, same answer; no clock, no I/O.
/// Signals (each adds its score and a reason): <c>velocity</c> (many attempts in a short window),
/// <c>amount-anomaly</c> (far above the user's average), <c>country-mismatch</c> (billing, IP and card countries
/// disagree), <c>repeated-declines</c> (several recent declines). The total against the thresholds decides
/// Allow, Flag or Block.
/// </summary>
public static class FraudRiskScorer
{
    public static RiskAssessment Score(RiskCheck check, IReadOnlyList<RiskAttempt> history, DateTimeOffset now, FraudRiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var score = 0;
        var reasons = new List<string>();

        var recentAttempts = history.Count(a => a.PaymentId != check.PaymentId && now - a.At <= options.VelocityWindow) + 1;
        if (recentAttempts >= options.VelocityLimit)
        {
            score += options.VelocityScore;
            reasons.Add($"velocity: {recentAttempts} attempts within {options.VelocityWindow}");
        }

        var paid = history.Where(a => a.Succeeded && a.PaymentId != check.PaymentId).Select(a => a.SettlementAmount).ToList();
        if (paid.Count >= options.AmountHistoryMinimum)
        {
            var average = paid.Average();
            if (check.SettlementAmount.Amount > average * options.AmountAnomalyFactor)
            {
                score += options.AmountAnomalyScore;
                reasons.Add($"amount-anomaly: {check.SettlementAmount} is over {options.AmountAnomalyFactor}x the average {average:0.00}");
            }
        }

        var countries = new[] { check.BillingCountry, check.IpCountry, check.CardCountry }
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c!.Trim().ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (countries.Count > 1)
        {
            score += options.CountryMismatchScore;
            reasons.Add($"country-mismatch: billing {check.BillingCountry ?? "?"}, ip {check.IpCountry ?? "?"}, card {check.CardCountry ?? "?"}");
        }

        var declines = history.Count(a => a.Declined && now - a.At <= options.DeclineWindow);
        if (declines >= options.DeclineLimit)
        {
            score += options.RepeatedDeclinesScore;
            reasons.Add($"repeated-declines: {declines} within {options.DeclineWindow}");
        }

        var decision = score >= options.BlockThreshold ? RiskDecision.Block
            : score >= options.FlagThreshold ? RiskDecision.Flag
            : RiskDecision.Allow;
        return new RiskAssessment(score, decision, reasons);
    }
}
