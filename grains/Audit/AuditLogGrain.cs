using Commerce.GrainInterfaces.Audit;
using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Audit;

/// <summary>Validates and appends audit entries and answers queries from <see cref="IAuditStore"/>.</summary>
[GrainType("audit-log")]
[StatelessWorker]
public sealed class AuditLogGrain(IAuditStore store, TimeProvider clock) : Grain, IAuditLogGrain
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>Longest actor, action or target recorded.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest detail recorded; longer ones are cut, never refused (an audit entry must not be lost to its size).</summary>
    public const int MaxDetailLength = 2000;

    public Task<AuditEntry> AppendAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Require("actor", record.Actor);
        Require("action", record.Action);
        Require("target", record.Target);
        if (!AuditOutcomes.All.Contains(record.Outcome)) throw new InvalidInputException("outcome", $"Outcomes are {string.Join(", ", AuditOutcomes.All)}.");
        var detail = record.Detail is { Length: > MaxDetailLength } text ? text[..MaxDetailLength] : record.Detail;
        return store.AppendAsync(clock.GetUtcNow(), record with { Detail = detail });
    }

    public Task<AuditPage> QueryAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Offset < 0) throw new InvalidInputException("offset", "Offset must not be negative.");
        if (query.Limit is < 1 or > MaxLimit) throw new InvalidInputException("limit", $"Limit must be between 1 and {MaxLimit}.");
        return store.QueryAsync(query);
    }

    private static void Require(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new InvalidInputException(field, $"'{field}' is required.");
        if (value.Length > MaxNameLength) throw new InvalidInputException(field, $"'{field}' may have at most {MaxNameLength} characters.");
    }
}
