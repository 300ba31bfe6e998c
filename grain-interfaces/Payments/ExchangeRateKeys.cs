namespace Commerce.GrainInterfaces.Payments;

/// <summary>Keys of the singleton payment grains.</summary>
public static class ExchangeRateKeys
{
    /// <summary>The cluster's one exchange-rate table.</summary>
    public const string Default = "default";
}
