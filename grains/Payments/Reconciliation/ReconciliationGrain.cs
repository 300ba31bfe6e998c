using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Payments.ReadModel;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments.Reconciliation;

/// <summary>
/// Runs <see cref="PaymentReconciler"/> over the gateway's records and the payment read model for a period; a
/// daily reminder reconciles the previous day, late enough that its callbacks have arrived.
/// </summary>
[GrainType("payment-reconciliation")]
public sealed class ReconciliationGrain(
    [PersistentState("reconciliation")] IPersistentState<ReconciliationState> state,
    IPaymentGateway gateway,
    IPaymentReadModel readModel,
    IOptions<ReconciliationOptions> options,
    TimeProvider clock) : Grain, IReconciliationGrain
{
    /// <summary>The daily reminder; it reconciles the previous UTC day.</summary>
    public const string DailyReminder = "daily-reconciliation";

    private static readonly TimeSpan s_day = TimeSpan.FromDays(1);

    public async Task<ReconciliationReport> ReconcileAsync(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) throw new InvalidInputException("to", "The period must end after it starts.");
        var slack = options.Value.BoundarySlack;
        var records = await gateway.ListRecordsAsync(from, to);
        var ours = await readModel.ListCreatedAsync(from - slack, to + slack);
        var (matched, mismatches) = PaymentReconciler.Reconcile(records, ours, p => p.CreatedAt >= from && p.CreatedAt < to);
        var report = new ReconciliationReport(from, to, clock.GetUtcNow(), matched, mismatches);
        state.State.LastReport = report;
        await state.WriteStateAsync();
        return report;
    }

    public Task<ReconciliationReport?> GetLastReportAsync() => Task.FromResult(state.State.LastReport);

    public Task StartDailyReconciliationAsync() =>
        this.RegisterOrUpdateReminder(DailyReminder, DailySchedule.DueTime(clock.GetUtcNow(), options.Value.DailyRunAfterMidnight), DailySchedule.Period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DailyReminder) return;
        var today = new DateTimeOffset(status.CurrentTickTime.Date, TimeSpan.Zero);
        await ReconcileAsync(today - s_day, today);
    }
}
