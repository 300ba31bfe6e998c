using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// The exchange-rate table, one per cluster (key <see cref="ExchangeRateKeys.Default"/>). Starts from the
/// configured default table; admins set rates. Conversion rounds half away from zero to the target
/// currency's minor unit.
/// </summary>
[Alias("commerce.IExchangeRateGrain")]
public interface IExchangeRateGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("GetTableAsync")]
    Task<ExchangeRateTable> GetTableAsync();

    /// <summary>Sets how many units of <paramref name="currency"/> one base-currency unit buys (must be positive).</summary>
    [Alias("SetRateAsync")]
    Task<ExchangeRateTable> SetRateAsync(string currency, decimal unitsPerBase);

    /// <summary>Converts; refuses an unknown currency with <see cref="InvalidInputException"/>.</summary>
    [ReadOnly]
    [Alias("ConvertAsync")]
    Task<Money> ConvertAsync(Money amount, string targetCurrency);
}
