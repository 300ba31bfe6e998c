namespace Commerce.GrainInterfaces.Audit;

/// <summary>A recorded action. <paramref name="Sequence"/> increases with every append of a store.</summary>
[GenerateSerializer, Immutable, Alias("commerce.AuditEntry")]
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string Target, string Outcome, string? Detail);
