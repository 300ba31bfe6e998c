namespace Commerce.GrainInterfaces.Audit;

/// <summary>Filters (exact match; null matches everything) and paging of the audit log.</summary>
[GenerateSerializer, Immutable, Alias("commerce.AuditQuery")]
public sealed record AuditQuery(string? Actor, string? Action, string? Target, DateTimeOffset? From, DateTimeOffset? To, int Offset, int Limit);
