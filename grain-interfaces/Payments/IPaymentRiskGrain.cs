namespace Commerce.GrainInterfaces.Payments;

/// <summary>Per-user payment risk history (key = user id) and the fraud score of each new attempt.</summary>
[Alias("commerce.IPaymentRiskGrain")]
public interface IPaymentRiskGrain : IGrainWithStringKey
{
    /// <summary>Scores the attempt against the user's history and records it. Idempotent per payment id.</summary>
    [Alias("AssessAsync")]
    Task<RiskAssessment> AssessAsync(RiskCheck check);

    /// <summary>Records how the gateway answered an attempt (declines feed the repeated-declines signal).</summary>
    [Alias("RecordOutcomeAsync")]
    Task RecordOutcomeAsync(string paymentId, bool declined, bool succeeded);

    [ReadOnly]
    [Alias("GetProfileAsync")]
    Task<RiskProfile> GetProfileAsync();
}
