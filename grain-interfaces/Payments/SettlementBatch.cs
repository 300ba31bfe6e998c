using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// One day's settlement batch: the money movements (captures, refunds) it settled, totals per payment currency
/// and the net in the settlement currency (captures less refunds, refunds converted at the payment's rate).
/// Each movement is settled in exactly one batch: its own day's, or, when that day's batch had already run, the
/// first batch run after it (a carried-over movement, <see cref="SettlementMovement.At"/> before <see cref="Day"/>).
/// </summary>
/// <param name="PaymentIds">The payments with a movement in this batch.</param>
[GenerateSerializer, Immutable, Alias("commerce.SettlementBatch")]
public sealed record SettlementBatch(
    string BatchId,
    DateOnly Day,
    DateTimeOffset SettledAt,
    IReadOnlyList<string> PaymentIds,
    IReadOnlyList<CurrencyTotal> Totals,
    Money NetInSettlementCurrency,
    IReadOnlyList<SettlementMovement> Movements);
