using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments.Currency;

/// <summary>
/// This silo's copy of the exchange-rate table, refreshed from <see cref="IExchangeRateGrain"/> at most every
/// <see cref="ExchangeRateOptions.CacheDuration"/>. Every payment and every points earn converts money; going
/// to the one rate grain each time would make it the hottest grain of a flash sale, for a table that changes
/// a few times a day.
/// </summary>
public sealed class ExchangeRateCache(IGrainFactory grains, IOptions<ExchangeRateOptions> options, TimeProvider clock)
{
    private volatile Entry? _entry;

    /// <summary>Converts with the cached table (see <see cref="CurrencyConverter"/> for the rounding rule).</summary>
    public async ValueTask<Money> ConvertAsync(Money amount, string targetCurrency)
    {
        if (amount is null) throw new InvalidInputException("amount", "An amount is required.");
        var table = await GetTableAsync();
        return CurrencyConverter.Convert(table, options.Value, amount, targetCurrency);
    }

    public async ValueTask<ExchangeRateTable> GetTableAsync()
    {
        var now = clock.GetUtcNow();
        if (_entry is { } entry && now - entry.FetchedAt < options.Value.CacheDuration) return entry.Table;
        var table = await grains.GetGrain<IExchangeRateGrain>(ExchangeRateKeys.Default).GetTableAsync();
        _entry = new Entry(table, now);
        return table;
    }

    private sealed record Entry(ExchangeRateTable Table, DateTimeOffset FetchedAt);
}
