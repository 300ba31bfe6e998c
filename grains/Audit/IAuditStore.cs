using Commerce.GrainInterfaces.Audit;

namespace Commerce.Grains.Audit;

/// <summary>Where audit entries live. Append and read only: there is deliberately no update or delete.</summary>
public interface IAuditStore
{
    Task<AuditEntry> AppendAsync(DateTimeOffset at, AuditRecord record, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
