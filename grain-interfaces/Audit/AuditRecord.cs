namespace Commerce.GrainInterfaces.Audit;

/// <summary>
/// An action to record. <paramref name="Actor"/> is the acting user id; <paramref name="Action"/> a
/// stable name such as <c>RefundOrder</c>; <paramref name="Target"/> what it acted on, e.g.
/// <c>order/o-17</c>; <paramref name="Outcome"/> one of <see cref="AuditOutcomes"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("commerce.AuditRecord")]
public sealed record AuditRecord(string Actor, string Action, string Target, string Outcome, string? Detail);
