using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Risk;

/// <summary>A user's payment attempts, oldest first, with the assessment each got.</summary>
[GenerateSerializer, Alias("commerce.state.PaymentRiskState")]
public sealed class PaymentRiskState
{
    [Id(0)]
    public List<RiskAttempt> Attempts { get; set; } = [];

    [Id(1)]
    public Dictionary<string, RiskAssessment> Assessments { get; set; } = new(StringComparer.Ordinal);
}
