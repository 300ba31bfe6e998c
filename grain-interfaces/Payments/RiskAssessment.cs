namespace Commerce.GrainInterfaces.Payments;

/// <summary>A fraud score with its decision and the signals that raised it (e.g. <c>velocity</c>, <c>country-mismatch</c>).</summary>
/// <param name="Score">0 (no signal) upwards; compared with the thresholds of the scorer's options.</param>
[GenerateSerializer, Immutable, Alias("commerce.RiskAssessment")]
public sealed record RiskAssessment(int Score, RiskDecision Decision, IReadOnlyList<string> Reasons);
