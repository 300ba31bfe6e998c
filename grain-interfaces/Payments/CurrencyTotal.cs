namespace Commerce.GrainInterfaces.Payments;

/// <summary>Totals of one currency in a settlement batch: captured, refunded and net (captured minus refunded).</summary>
public sealed record CurrencyTotal(string Currency, int Payments, decimal Captured, decimal Refunded, decimal Net);
