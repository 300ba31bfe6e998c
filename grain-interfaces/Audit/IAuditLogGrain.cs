namespace Commerce.GrainInterfaces.Audit;

/// <summary>
/// The append-only log of staff actions: who did what to which target, when, and how it ended.
/// Stateless (use key 0): entries go to the audit store (memory, or PostgreSQL where UPDATE and
/// DELETE are refused by the database itself).
/// </summary>
[Alias("commerce.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    [Alias("AppendAsync")]
    Task<AuditEntry> AppendAsync(AuditRecord record);

    /// <summary>Newest first.</summary>
    [ReadOnly]
    [Alias("QueryAsync")]
    Task<AuditPage> QueryAsync(AuditQuery query);
}
