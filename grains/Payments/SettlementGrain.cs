using System.Globalization;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Currency;
using Commerce.Grains.Payments.ReadModel;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments;

/// <summary>
/// Settles money movements (captures, refunds) in daily batches. A day's batch takes the unsettled movements made
/// that day and those of earlier days whose batch has already run (carried over, e.g. a refund made after its
/// day's batch); movements of an earlier day whose batch has not run wait for it. The payment grain is the
/// authority on which batch a movement is in, so none lands in two. Totals per currency and the net in the
/// settlement currency are computed from the batch's movements.
/// </summary>
[GrainType("payment-settlement")]
public sealed class SettlementGrain(
    [PersistentState("settlement")] IPersistentState<SettlementState> state,
    IPaymentReadModel readModel,
    IOptions<PaymentOptions> options,
    IOptions<ExchangeRateOptions> currencyOptions,
    TimeProvider clock) : Grain, ISettlementGrain
{
    /// <summary>The daily reminder; it settles the previous UTC day.</summary>
    public const string DailyReminder = "daily-settlement";

    private static readonly TimeSpan s_day = TimeSpan.FromDays(1);

    public async Task<SettlementBatch> RunDailySettlementAsync(DateOnly day)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from + s_day;
        if (from > clock.GetUtcNow()) throw new InvalidInputException("day", "A day in the future cannot be settled.");
        var key = Key(day);
        var batchId = $"settlement-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        state.State.Batches.TryGetValue(key, out var previous);

        var candidates = (await readModel.ListUnsettledAsync(to)).Select(p => p.PaymentId)
            .Concat(state.State.InProgress.GetValueOrDefault(key) ?? [])
            .Distinct(StringComparer.Ordinal).ToList();
        if (candidates.Count > 0)
        {
            state.State.InProgress[key] = candidates;
            await state.WriteStateAsync();
        }

        var known = (previous?.Movements ?? []).Select(m => (m.PaymentId, m.MovementId)).ToHashSet();
        var added = new List<SettlementMovement>();
        foreach (var paymentId in candidates)
        {
            var payment = GrainFactory.GetGrain<IPaymentGrain>(paymentId);
            var movements = await payment.GetSettlementMovementsAsync();
            // Unsettled ones that belong here, plus ones a run of this batch marked but did not record (it died in between).
            var ids = movements
                .Where(m => (m.BatchId is null && BelongsHere(m.At, from, to)) || (m.BatchId == batchId && !known.Contains((m.PaymentId, m.MovementId))))
                .Select(m => m.MovementId).ToList();
            if (ids.Count == 0) continue;
            added.AddRange((await payment.SettleMovementsAsync(batchId, ids)).Where(m => !known.Contains((m.PaymentId, m.MovementId))));
        }

        state.State.InProgress.Remove(key);
        if (previous is not null && added.Count == 0)
        {
            if (candidates.Count > 0) await state.WriteStateAsync();
            return previous;
        }

        var all = (previous?.Movements ?? []).Concat(added)
            .OrderBy(m => m.At).ThenBy(m => m.PaymentId, StringComparer.Ordinal).ThenBy(m => m.MovementId, StringComparer.Ordinal).ToList();
        var net = new Money(all.Sum(m => m.SettlementAmount.Amount), options.Value.SettlementCurrency);
        var batch = new SettlementBatch(batchId, day, clock.GetUtcNow(),
            all.Select(m => m.PaymentId).Distinct(StringComparer.Ordinal).ToList(),
            Totals(all),
            CurrencyConverter.Round(currencyOptions.Value, net),
            all);
        state.State.Batches[key] = batch;
        await state.WriteStateAsync();
        return batch;
    }

    public Task<SettlementBatch?> GetBatchAsync(DateOnly day) => Task.FromResult(state.State.Batches.GetValueOrDefault(Key(day)));

    public Task StartDailySettlementAsync() =>
        this.RegisterOrUpdateReminder(DailyReminder, DailySchedule.DueTime(clock.GetUtcNow(), options.Value.SettlementRunAfterMidnight), DailySchedule.Period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DailyReminder) return;
        await RunDailySettlementAsync(DateOnly.FromDateTime(status.CurrentTickTime.Date.AddDays(-1)));
    }

    /// <summary>
    /// A movement of the day [<paramref name="from"/>, <paramref name="to"/>) belongs to its batch; one of an earlier
    /// day only when that day's batch has run (it was made, or reached us, after that batch).
    /// </summary>
    private bool BelongsHere(DateTimeOffset at, DateTimeOffset from, DateTimeOffset to) =>
        at < to && (at >= from || state.State.Batches.ContainsKey(Key(DateOnly.FromDateTime(at.UtcDateTime))));

    private static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<CurrencyTotal> Totals(List<SettlementMovement> movements) =>
        movements.GroupBy(m => m.Amount.Currency, StringComparer.Ordinal)
            .Select(g =>
            {
                var captured = g.Where(m => m.Kind == SettlementMovementKind.Capture).Sum(m => m.Amount.Amount);
                var refunded = -g.Where(m => m.Kind == SettlementMovementKind.Refund).Sum(m => m.Amount.Amount);
                return new CurrencyTotal(g.Key, g.Select(m => m.PaymentId).Distinct(StringComparer.Ordinal).Count(), captured, refunded, captured - refunded);
            })
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
}
