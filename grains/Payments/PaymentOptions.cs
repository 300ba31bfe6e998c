namespace Commerce.Grains.Payments;

/// <summary>Tunables of the payment grains.</summary>
public sealed class PaymentOptions
{
    /// <summary>The currency the business settles in; payments record their amount converted to it. Default <c>EUR</c>.</summary>
    public string SettlementCurrency { get; set; } = "EUR";

    /// <summary>
    /// How often a pending payment asks the gateway for its status and re-sends an unacknowledged outcome.
    /// Default 1 minute: callbacks normally arrive within seconds; this is the safety net for lost ones.
    /// Must not be below the reminder service's minimum period.
    /// </summary>
    public TimeSpan FollowUpPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When after midnight (UTC) the daily settlement run settles the previous day. Default 1 hour, so captures
    /// in flight at midnight have reached the read model.
    /// </summary>
    public TimeSpan SettlementRunAfterMidnight { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Callback event ids remembered per payment to ignore duplicates. Default 50, far more than a payment gets.</summary>
    public int RememberedCallbackEvents { get; set; } = 50;

    /// <summary>Longest accepted id, token or reason text. Default 200 characters.</summary>
    public int MaxTextLength { get; set; } = 200;
}
