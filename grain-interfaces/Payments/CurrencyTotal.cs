namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Totals of one currency in a settlement batch: the payments with a movement in it, the captures and the
/// refunds it settled (both positive) and net (captured minus refunded; negative when only refunds were settled).
/// </summary>
[GenerateSerializer, Immutable, Alias("commerce.CurrencyTotal")]
public sealed record CurrencyTotal(string Currency, int Payments, decimal Captured, decimal Refunded, decimal Net);
