namespace Commerce.GrainInterfaces.Audit;

[GenerateSerializer, Immutable, Alias("commerce.AuditPage")]
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total);
