using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>What fraud scoring looks at for one payment attempt.</summary>
/// <param name="SettlementAmount">The amount in the settlement currency, so history compares like with like.</param>
/// <param name="CardCountry">The issuing country of the card or wallet, when the gateway knows it.</param>
[GenerateSerializer, Immutable, Alias("commerce.RiskCheck")]
public sealed record RiskCheck(string PaymentId, Money SettlementAmount, string? BillingCountry, string? IpCountry, string? CardCountry);
