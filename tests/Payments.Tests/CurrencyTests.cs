using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Currency;
using FluentAssertions;

namespace Commerce.Payments.Tests;

public sealed class CurrencyTests
{
    private static readonly ExchangeRateOptions s_options = new();

    private static ExchangeRateTable Table(params (string Currency, decimal Rate)[] rates) =>
        new("EUR", rates.ToDictionary(r => r.Currency, r => r.Rate), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Conversion_goes_through_the_base_and_rounds_once_half_away_from_zero_to_the_minor_unit()
    {
        var table = Table(("EUR", 1m), ("USD", 1.08m), ("GBP", 0.85m), ("JPY", 162m));

        CurrencyConverter.Convert(table, s_options, new Money(10m, "EUR"), "USD").Should().Be(new Money(10.80m, "USD"));
        // 10 USD / 1.08 * 0.85 = 7.87037... -> 7.87
        CurrencyConverter.Convert(table, s_options, new Money(10m, "USD"), "GBP").Should().Be(new Money(7.87m, "GBP"));
        // JPY has no minor unit: 1.005 EUR * 162 = 162.81 -> 163
        CurrencyConverter.Convert(table, s_options, new Money(1.005m, "EUR"), "JPY").Should().Be(new Money(163m, "JPY"));
        // A midpoint rounds away from zero: 0.125 EUR -> 0.13
        CurrencyConverter.Convert(table, s_options, new Money(0.125m, "EUR"), "EUR").Should().Be(new Money(0.13m, "EUR"));
    }

    [Fact]
    public void An_unknown_currency_is_refused_naming_the_field()
    {
        var convert = () => CurrencyConverter.Convert(Table(("EUR", 1m)), s_options, new Money(1m, "EUR"), "XYZ");

        convert.Should().Throw<InvalidInputException>().Which.Field.Should().Be("currency");
    }

    [Fact]
    public async Task The_default_table_applies_until_an_admin_sets_a_rate()
    {
        await using var c = await PaymentCluster.StartAsync();
        var rates = c.Grains.GetGrain<IExchangeRateGrain>(ExchangeRateKeys.Default);

        (await rates.ConvertAsync(new Money(100m, "EUR"), "USD")).Should().Be(new Money(108m, "USD"));
        var table = await rates.SetRateAsync("USD", 1.25m);

        table.Rates["USD"].Should().Be(1.25m);
        (await rates.ConvertAsync(new Money(100m, "EUR"), "USD")).Should().Be(new Money(125m, "USD"));
        var bad = () => rates.SetRateAsync("USD", 0m);
        var badCode = () => rates.SetRateAsync("usd", 1m);
        (await bad.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("rate");
        (await badCode.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("currency");
    }

    [Fact]
    public async Task A_payment_records_its_amount_in_the_settlement_currency()
    {
        await using var c = await PaymentCluster.StartAsync();

        await c.PayAsync("p1", 54m, "USD");

        (await c.Payment("p1").GetAsync()).SettlementAmount.Should().Be(new Money(50m, "EUR"));
    }
}

public sealed class ExchangeRateCacheTests
{
    [Fact]
    public async Task A_new_rate_applies_to_payments_once_the_silos_cached_table_expires()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await PaymentCluster.StartAsync(clock);
        await c.PayAsync("before", 108m, "USD");
        await c.Grains.GetGrain<IExchangeRateGrain>(ExchangeRateKeys.Default).SetRateAsync("USD", 1.20m);

        await c.PayAsync("cached", 120m, "USD", user: "bob");
        clock.Advance(new ExchangeRateOptions().CacheDuration);
        await c.PayAsync("after", 120m, "USD", user: "cy");

        (await c.Payment("before").GetAsync()).SettlementAmount.Should().Be(new Money(100m, "EUR"));
        (await c.Payment("cached").GetAsync()).SettlementAmount.Should().Be(new Money(111.11m, "EUR"));
        (await c.Payment("after").GetAsync()).SettlementAmount.Should().Be(new Money(100m, "EUR"));
    }
}
