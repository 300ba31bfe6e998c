using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Currency;

/// <summary>
/// Converts money through an <see cref="ExchangeRateTable"/>: amount / rate(from) * rate(to), computed in full
/// decimal precision and then rounded once, half away from zero, to the target currency's minor unit (2 places,
/// 0 for JPY). Rounding once avoids compounding errors of a two-step conversion through the base currency.
/// </summary>
public static class CurrencyConverter
{
    public static Money Convert(ExchangeRateTable table, ExchangeRateOptions options, Money amount, string targetCurrency)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(amount);
        var from = RateOf(table, amount.Currency, "amount.currency");
        var to = RateOf(table, targetCurrency, "currency");
        if (string.Equals(amount.Currency, targetCurrency, StringComparison.Ordinal)) return Round(options, amount);
        return Round(options, new Money(amount.Amount / from * to, targetCurrency));
    }

    /// <summary>Rounds half away from zero to the currency's minor unit.</summary>
    public static Money Round(ExchangeRateOptions options, Money amount) =>
        new(Math.Round(amount.Amount, MinorUnitsOf(options, amount.Currency), MidpointRounding.AwayFromZero), amount.Currency);

    public static int MinorUnitsOf(ExchangeRateOptions options, string currency) =>
        options.MinorUnits.TryGetValue(currency, out var units) ? units : options.DefaultMinorUnits;

    public static bool IsSupported(ExchangeRateTable table, string? currency) =>
        currency is not null && table.Rates.ContainsKey(currency);

    private static decimal RateOf(ExchangeRateTable table, string currency, string field) =>
        currency is not null && table.Rates.TryGetValue(currency, out var rate)
            ? rate
            : throw new InvalidInputException(field, $"Currency '{currency}' is not in the exchange-rate table.");
}
