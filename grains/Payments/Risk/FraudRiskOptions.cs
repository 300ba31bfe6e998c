namespace Commerce.Grains.Payments.Risk;

/// <summary>Signals, weights and thresholds of <see cref="FraudRiskScorer"/>.</summary>
public sealed class FraudRiskOptions
{
    /// <summary>The window velocity counts attempts in. Default 10 minutes: card testing bursts are minutes long.</summary>
    public TimeSpan VelocityWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts in the window (this one included) that raise the velocity signal. Default 5.</summary>
    public int VelocityLimit { get; set; } = 5;

    /// <summary>Score of the velocity signal. Default 40.</summary>
    public int VelocityScore { get; set; } = 40;

    /// <summary>Successful payments needed before amounts are judged against history. Default 3.</summary>
    public int AmountHistoryMinimum { get; set; } = 3;

    /// <summary>An amount above this multiple of the user's average successful payment is anomalous. Default 5.</summary>
    public decimal AmountAnomalyFactor { get; set; } = 5m;

    /// <summary>Score of the amount-anomaly signal. Default 35.</summary>
    public int AmountAnomalyScore { get; set; } = 35;

    /// <summary>Score when billing, IP and card countries (those known) are not all the same. Default 30.</summary>
    public int CountryMismatchScore { get; set; } = 30;

    /// <summary>The window declines are counted in. Default 24 hours.</summary>
    public TimeSpan DeclineWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Declines in the window that raise the repeated-declines signal. Default 3.</summary>
    public int DeclineLimit { get; set; } = 3;

    /// <summary>Score of the repeated-declines signal. Default 40.</summary>
    public int RepeatedDeclinesScore { get; set; } = 40;

    /// <summary>Score from which a payment is flagged for review. Default 30: any one strong signal.</summary>
    public int FlagThreshold { get; set; } = 30;

    /// <summary>Score from which a payment is blocked. Default 70: two signals together.</summary>
    public int BlockThreshold { get; set; } = 70;

    /// <summary>How long attempts are kept in a user's risk history. Default 90 days, beyond every window.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Most attempts kept per user. Default 200.</summary>
    public int HistoryLimit { get; set; } = 200;
}
