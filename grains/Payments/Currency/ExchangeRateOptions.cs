namespace Commerce.Grains.Payments.Currency;

/// <summary>The default exchange-rate table and the minor units conversion rounds to.</summary>
public sealed class ExchangeRateOptions
{
    /// <summary>The currency all rates are quoted against. Default <c>EUR</c>.</summary>
    public string BaseCurrency { get; set; } = "EUR";

    /// <summary>
    /// Units of each currency one base unit buys, used until an admin sets rates. Default: indicative rates for
    /// EUR, USD, GBP, JPY, CNY, CHF; a demo needs plausible numbers, production sets real ones.
    /// </summary>
    public Dictionary<string, decimal> DefaultRates { get; set; } = new(StringComparer.Ordinal)
    {
        ["EUR"] = 1m,
        ["USD"] = 1.08m,
        ["GBP"] = 0.85m,
        ["JPY"] = 162m,
        ["CNY"] = 7.8m,
        ["CHF"] = 0.95m,
    };

    /// <summary>Decimal places of currencies that do not have two (ISO 4217 minor units). Default JPY and KRW: 0.</summary>
    public Dictionary<string, int> MinorUnits { get; set; } = new(StringComparer.Ordinal)
    {
        ["JPY"] = 0,
        ["KRW"] = 0,
    };

    /// <summary>
    /// How long a silo converts with its cached copy of the table (<see cref="ExchangeRateCache"/>). Default 30 s:
    /// an admin's new rate applies everywhere within half a minute, and the rate grain sees one read per silo
    /// per period instead of one per payment.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Decimal places of every other currency. Default 2.</summary>
    public int DefaultMinorUnits { get; set; } = 2;
}
