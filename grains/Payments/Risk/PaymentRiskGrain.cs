using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments.Risk;

/// <summary>A user's payment risk history; scores each new attempt with <see cref="FraudRiskScorer"/>.</summary>
[GrainType("payment-risk")]
public sealed class PaymentRiskGrain(
    [PersistentState("risk")] IPersistentState<PaymentRiskState> state,
    IOptions<FraudRiskOptions> options,
    TimeProvider clock) : Grain, IPaymentRiskGrain
{
    private readonly FraudRiskOptions _options = options.Value;

    public async Task<RiskAssessment> AssessAsync(RiskCheck check)
    {
        if (check is null) throw new InvalidInputException("check", "A risk check is required.");
        if (string.IsNullOrWhiteSpace(check.PaymentId)) throw new InvalidInputException("paymentId", "A payment id is required.");
        if (check.SettlementAmount is null || check.SettlementAmount.Amount < 0) throw new InvalidInputException("amount", "The amount must not be negative.");
        if (state.State.Assessments.TryGetValue(check.PaymentId, out var known)) return known;

        var now = clock.GetUtcNow();
        var assessment = FraudRiskScorer.Score(check, state.State.Attempts, now, _options);
        state.State.Attempts.Add(new RiskAttempt(check.PaymentId, now, check.SettlementAmount.Amount, assessment.Score, assessment.Decision, false, false, assessment.Reasons));
        state.State.Assessments[check.PaymentId] = assessment;
        Prune(now);
        await state.WriteStateAsync();
        return assessment;
    }

    public async Task RecordOutcomeAsync(string paymentId, bool declined, bool succeeded)
    {
        if (string.IsNullOrWhiteSpace(paymentId)) throw new InvalidInputException("paymentId", "A payment id is required.");
        var index = state.State.Attempts.FindIndex(a => a.PaymentId == paymentId);
        if (index < 0) return;
        var attempt = state.State.Attempts[index];
        if (attempt.Declined == declined && attempt.Succeeded == succeeded) return;
        state.State.Attempts[index] = attempt with { Declined = declined, Succeeded = succeeded };
        await state.WriteStateAsync();
    }

    public Task<RiskProfile> GetProfileAsync() => Task.FromResult(new RiskProfile(this.GetPrimaryKeyString(), state.State.Attempts.ToArray()));

    private void Prune(DateTimeOffset now)
    {
        var attempts = state.State.Attempts;
        attempts.RemoveAll(a => now - a.At > _options.HistoryRetention);
        if (attempts.Count > _options.HistoryLimit) attempts.RemoveRange(0, attempts.Count - _options.HistoryLimit);
        var kept = attempts.Select(a => a.PaymentId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in state.State.Assessments.Keys.Where(id => !kept.Contains(id)).ToList()) state.State.Assessments.Remove(id);
    }
}
