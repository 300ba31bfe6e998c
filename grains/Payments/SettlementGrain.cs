using System.Globalization;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Currency;
using Commerce.Grains.Payments.ReadModel;
using Commerce.Runtime;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments;

/// <summary>
/// Settles captured payments in daily batches: asks the read model for the day's unsettled captures, marks each
/// payment settled (the payment grain is the authority; one already settled elsewhere is left out) and totals
/// per currency and in the settlement currency.
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
        if (from > clock.GetUtcNow()) throw new InvalidInputException("day", "A day in the future cannot be settled.");
        var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var batchId = $"settlement-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        state.State.Batches.TryGetValue(key, out var previous);

        var settled = new List<PaymentRecord>();
        foreach (var payment in await readModel.ListUnsettledCapturedAsync(from, from + s_day))
        {
            if (await GrainFactory.GetGrain<IPaymentGrain>(payment.PaymentId).MarkSettledAsync(batchId)) settled.Add(payment);
        }

        var paymentIds = (previous?.PaymentIds ?? []).Concat(settled.Select(p => p.PaymentId)).Distinct(StringComparer.Ordinal).ToList();
        var totals = Merge(previous?.Totals ?? [], settled);
        var settlementCurrency = options.Value.SettlementCurrency;
        var net = (previous?.NetInSettlementCurrency.Amount ?? 0m) + settled.Sum(NetInSettlementCurrency);
        var batch = new SettlementBatch(batchId, day, clock.GetUtcNow(), paymentIds, totals,
            CurrencyConverter.Round(currencyOptions.Value, new Money(net, settlementCurrency)));
        state.State.Batches[key] = batch;
        await state.WriteStateAsync();
        return batch;
    }

    public Task<SettlementBatch?> GetBatchAsync(DateOnly day) =>
        Task.FromResult(state.State.Batches.GetValueOrDefault(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public Task StartDailySettlementAsync() =>
        this.RegisterOrUpdateReminder(DailyReminder, DailySchedule.DueTime(clock.GetUtcNow(), options.Value.SettlementRunAfterMidnight), DailySchedule.Period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DailyReminder) return;
        await RunDailySettlementAsync(DateOnly.FromDateTime(status.CurrentTickTime.Date.AddDays(-1)));
    }

    // A refunded share of a payment is taken off its settlement amount at the rate the payment was made at.
    private static decimal NetInSettlementCurrency(PaymentRecord p) =>
        p.Captured == 0m ? 0m : p.SettlementAmount * (p.Captured - p.Refunded) / p.Captured;

    private static List<CurrencyTotal> Merge(IReadOnlyList<CurrencyTotal> previous, List<PaymentRecord> settled)
    {
        var totals = previous.ToDictionary(t => t.Currency, StringComparer.Ordinal);
        foreach (var group in settled.GroupBy(p => p.Currency, StringComparer.Ordinal))
        {
            var captured = group.Sum(p => p.Captured);
            var refunded = group.Sum(p => p.Refunded);
            totals[group.Key] = totals.TryGetValue(group.Key, out var t)
                ? new CurrencyTotal(group.Key, t.Payments + group.Count(), t.Captured + captured, t.Refunded + refunded, t.Net + captured - refunded)
                : new CurrencyTotal(group.Key, group.Count(), captured, refunded, captured - refunded);
        }
        return totals.Values.OrderBy(t => t.Currency, StringComparer.Ordinal).ToList();
    }
}
