namespace Commerce.Grains.Payments.Currency;

/// <summary>Rates an admin set; empty until then, when the configured defaults apply.</summary>
[GenerateSerializer, Alias("commerce.state.ExchangeRateState")]
public sealed class ExchangeRateState
{
    [Id(0)]
    public Dictionary<string, decimal> Rates { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public DateTimeOffset? UpdatedAt { get; set; }
}
