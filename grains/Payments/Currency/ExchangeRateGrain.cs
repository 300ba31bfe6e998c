using System.Text.RegularExpressions;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments.Currency;

/// <summary>The exchange-rate table: the configured defaults overlaid with the rates admins set.</summary>
[GrainType("exchange-rates")]
public sealed partial class ExchangeRateGrain(
    [PersistentState("rates")] IPersistentState<ExchangeRateState> state,
    IOptions<ExchangeRateOptions> options,
    TimeProvider clock) : Grain, IExchangeRateGrain
{
    private readonly ExchangeRateOptions _options = options.Value;

    public Task<ExchangeRateTable> GetTableAsync() => Task.FromResult(Table());

    public async Task<ExchangeRateTable> SetRateAsync(string currency, decimal unitsPerBase)
    {
        if (currency is null || !CurrencyCode().IsMatch(currency)) throw new InvalidInputException("currency", "A currency is a three-letter upper-case ISO 4217 code.");
        if (unitsPerBase <= 0) throw new InvalidInputException("rate", "An exchange rate must be positive.");
        if (currency == _options.BaseCurrency && unitsPerBase != 1m) throw new InvalidInputException("rate", "The base currency's rate is always 1.");
        state.State.Rates[currency] = unitsPerBase;
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Table();
    }

    public Task<Money> ConvertAsync(Money amount, string targetCurrency)
    {
        if (amount is null) throw new InvalidInputException("amount", "An amount is required.");
        return Task.FromResult(CurrencyConverter.Convert(Table(), _options, amount, targetCurrency));
    }

    private ExchangeRateTable Table()
    {
        var rates = new Dictionary<string, decimal>(_options.DefaultRates, StringComparer.Ordinal);
        foreach (var (currency, rate) in state.State.Rates) rates[currency] = rate;
        rates[_options.BaseCurrency] = 1m;
        return new ExchangeRateTable(_options.BaseCurrency, rates, state.State.UpdatedAt ?? DateTimeOffset.UnixEpoch);
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
