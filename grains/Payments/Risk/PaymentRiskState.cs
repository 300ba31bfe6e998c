using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Risk;

/// <summary>A user's payment attempts, oldest first, with the assessment each got.</summary>
public sealed class PaymentRiskState
{
    public List<RiskAttempt> Attempts { get; set; } = [];

    public Dictionary<string, RiskAssessment> Assessments { get; set; } = new(StringComparer.Ordinal);
}
