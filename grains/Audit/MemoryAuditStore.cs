using Commerce.GrainInterfaces.Audit;

namespace Commerce.Grains.Audit;

/// <summary>The audit log in process memory: the embedded default and in-process tests.</summary>
public sealed class MemoryAuditStore : IAuditStore
{
    private readonly List<AuditEntry> _entries = [];

    public Task<AuditEntry> AppendAsync(DateTimeOffset at, AuditRecord record, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            var entry = new AuditEntry(_entries.Count + 1, at, record.Actor, record.Action, record.Target, record.Outcome, record.Detail);
            _entries.Add(entry);
            return Task.FromResult(entry);
        }
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        List<AuditEntry> matches;
        lock (_entries)
        {
            matches = _entries
                .Where(e => query.Actor is null || e.Actor == query.Actor)
                .Where(e => query.Action is null || e.Action == query.Action)
                .Where(e => query.Target is null || e.Target == query.Target)
                .Where(e => query.From is null || e.At >= query.From)
                .Where(e => query.To is null || e.At < query.To)
                .Reverse()
                .ToList();
        }

        return Task.FromResult(new AuditPage(matches.Skip(query.Offset).Take(query.Limit).ToArray(), matches.Count));
    }
}
