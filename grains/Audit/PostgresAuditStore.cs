using Commerce.GrainInterfaces.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Commerce.Grains.Audit;

/// <summary>The audit log in the append-only <c>audit_log</c> table (migration 401).</summary>
public sealed class PostgresAuditStore(NpgsqlDataSource dataSource) : IAuditStore
{
    private const string AppendSql = """
        INSERT INTO audit_log (at, actor, action, target, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING sequence
        """;

    private const string QuerySql = """
        SELECT sequence, at, actor, action, target, outcome, detail, count(*) OVER () AS total
        FROM audit_log
        WHERE ($1::text IS NULL OR actor = $1)
          AND ($2::text IS NULL OR action = $2)
          AND ($3::text IS NULL OR target = $3)
          AND ($4::timestamptz IS NULL OR at >= $4)
          AND ($5::timestamptz IS NULL OR at < $5)
        ORDER BY sequence DESC
        OFFSET $6 LIMIT $7
        """;

    public async Task<AuditEntry> AppendAsync(DateTimeOffset at, AuditRecord record, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(AppendSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Actor });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Action });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Target });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Outcome });
        command.Parameters.Add(Nullable(record.Detail, NpgsqlDbType.Text));
        var sequence = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new AuditEntry(sequence, at, record.Actor, record.Action, record.Target, record.Outcome, record.Detail);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var (items, total) = await ReadAsync(query, cancellationToken);
        // Past the last page the window count is lost with the rows; ask for the first row to get it.
        if (items.Count == 0 && query.Offset > 0) (_, total) = await ReadAsync(query with { Offset = 0, Limit = 1 }, cancellationToken);
        return new AuditPage(items, total);
    }

    private async Task<(List<AuditEntry> Items, int Total)> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(QuerySql);
        command.Parameters.Add(Nullable(query.Actor, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(query.Action, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(query.Target, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(query.From?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(query.To?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Offset });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        var items = new List<AuditEntry>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new AuditEntry(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
            total = (int)reader.GetInt64(7);
        }

        return (items, total);
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
