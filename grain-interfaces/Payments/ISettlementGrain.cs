using Commerce.Runtime;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Settles captured payments in daily batches (key <see cref="ExchangeRateKeys.Default"/>). A daily reminder
/// settles the previous day once <see cref="StartDailySettlementAsync"/> was called.
/// </summary>
public interface ISettlementGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>
    /// Settles every payment captured on <paramref name="day"/> (UTC) and not settled yet. Running a day
    /// again settles only payments it had not settled and returns the day's batch with them added.
    /// </summary>
    Task<SettlementBatch> RunDailySettlementAsync(DateOnly day);

    [ReadOnly]
    Task<SettlementBatch?> GetBatchAsync(DateOnly day);

    /// <summary>Registers the daily settlement reminder (idempotent).</summary>
    Task StartDailySettlementAsync();
}
