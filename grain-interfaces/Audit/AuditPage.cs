namespace Commerce.GrainInterfaces.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total);
