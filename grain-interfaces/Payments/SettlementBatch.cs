using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// The payments captured on one day, settled together: totals per payment currency and the net in the
/// settlement currency (each payment's settlement amount, less its refunds converted at payment time).
/// </summary>
public sealed record SettlementBatch(
    string BatchId,
    DateOnly Day,
    DateTimeOffset SettledAt,
    IReadOnlyList<string> PaymentIds,
    IReadOnlyList<CurrencyTotal> Totals,
    Money NetInSettlementCurrency);
