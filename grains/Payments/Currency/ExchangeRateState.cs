namespace Commerce.Grains.Payments.Currency;

/// <summary>Rates an admin set; empty until then, when the configured defaults apply.</summary>
public sealed class ExchangeRateState
{
    public Dictionary<string, decimal> Rates { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset? UpdatedAt { get; set; }
}
