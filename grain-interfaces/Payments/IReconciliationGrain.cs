namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Matches the gateway's records with our payments (key <see cref="ExchangeRateKeys.Default"/>) and keeps the
/// last report. Once <see cref="StartDailyReconciliationAsync"/> was called, a daily reminder reconciles the
/// previous UTC day by itself.
/// </summary>
[Alias("commerce.IReconciliationGrain")]
public interface IReconciliationGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Reconciles payments created in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    [Alias("ReconcileAsync")]
    Task<ReconciliationReport> ReconcileAsync(DateTimeOffset from, DateTimeOffset to);

    [ReadOnly]
    [Alias("GetLastReportAsync")]
    Task<ReconciliationReport?> GetLastReportAsync();

    /// <summary>Registers the daily reconciliation reminder (idempotent).</summary>
    [Alias("StartDailyReconciliationAsync")]
    Task StartDailyReconciliationAsync();
}
