namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Exchange rates against one base currency: <c>Rates["USD"] = 1.08</c> means one <see cref="BaseCurrency"/>
/// buys 1.08 USD. The base currency itself has rate 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("commerce.ExchangeRateTable")]
public sealed record ExchangeRateTable(string BaseCurrency, IReadOnlyDictionary<string, decimal> Rates, DateTimeOffset UpdatedAt);
