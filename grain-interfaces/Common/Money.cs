namespace Commerce.GrainInterfaces.Common;

/// <summary>An amount in a currency (ISO 4217 code, e.g. <c>EUR</c>). Amounts are exact decimals, never floats.</summary>
[GenerateSerializer, Immutable, Alias("commerce.Money")]
public sealed record Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public Money Add(Money other) => new(Amount + SameCurrency(other).Amount, Currency);

    public Money Subtract(Money other) => new(Amount - SameCurrency(other).Amount, Currency);

    public Money Times(int quantity) => new(Amount * quantity, Currency);

    public override string ToString() => $"{Amount:0.00} {Currency}";

    private Money SameCurrency(Money other) =>
        string.Equals(other.Currency, Currency, StringComparison.Ordinal)
            ? other
            : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}; convert first.");
}
