namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Settles captured payments in daily batches (key <see cref="ExchangeRateKeys.Default"/>). A daily reminder
/// settles the previous day once <see cref="StartDailySettlementAsync"/> was called.
/// </summary>
[Alias("commerce.ISettlementGrain")]
public interface ISettlementGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>
    /// Settles every unsettled money movement (capture, refund) made on <paramref name="day"/> (UTC), plus those
    /// made on an earlier day whose batch has already run (carried over). Movements of an
    /// earlier day whose batch has not run are left to that day's batch. Each movement lands in exactly one batch.
    /// Running a day again returns the same batch, with only movements no batch had settled yet added.
    /// </summary>
    [Alias("RunDailySettlementAsync")]
    Task<SettlementBatch> RunDailySettlementAsync(DateOnly day);

    [ReadOnly]
    [Alias("GetBatchAsync")]
    Task<SettlementBatch?> GetBatchAsync(DateOnly day);

    /// <summary>Registers the daily settlement reminder (idempotent).</summary>
    [Alias("StartDailySettlementAsync")]
    Task StartDailySettlementAsync();
}
