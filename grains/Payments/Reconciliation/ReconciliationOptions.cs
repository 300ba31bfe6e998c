namespace Commerce.Grains.Payments.Reconciliation;

/// <summary>Tunables of reconciliation.</summary>
public sealed class ReconciliationOptions
{
    /// <summary>
    /// How far beyond the period our payments are looked up, so a charge created at the gateway just after our
    /// payment (or a clock a little off) still finds its match. Default 5 minutes.
    /// </summary>
    public TimeSpan BoundarySlack { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When after midnight (UTC) the daily run reconciles the previous day. Default 2 hours: late callbacks and
    /// the gateway's own end-of-day processing have settled by then.
    /// </summary>
    public TimeSpan DailyRunAfterMidnight { get; set; } = TimeSpan.FromHours(2);
}
