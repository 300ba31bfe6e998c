using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Npgsql;

namespace Commerce.Grains.Orders;

/// <summary>The orders read model in PostgreSQL (tables of <c>Sql/200_orders_read_model.sql</c>).</summary>
public sealed class PostgresOrderReadModel(NpgsqlDataSource dataSource) : IOrderReadModel
{
    private const string UpsertOrderSql = """
        INSERT INTO order_summaries (order_id, user_id, status, total, currency, item_count, placed_at, updated_at, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (order_id) DO UPDATE SET
            status = EXCLUDED.status, total = EXCLUDED.total, currency = EXCLUDED.currency, item_count = EXCLUDED.item_count,
            updated_at = EXCLUDED.updated_at, version = EXCLUDED.version
        WHERE order_summaries.version < EXCLUDED.version
        """;

    private const string UpsertExceptionSql = """
        INSERT INTO order_exceptions (order_id, number, user_id, kind, detail, status_before, raised_at, raised_by, resolution, resolution_note, resolved_at, resolved_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        ON CONFLICT (order_id, number) DO UPDATE SET
            resolution = EXCLUDED.resolution, resolution_note = EXCLUDED.resolution_note,
            resolved_at = EXCLUDED.resolved_at, resolved_by = EXCLUDED.resolved_by
        """;

    private const string OrderColumns = "order_id, user_id, status, total, currency, item_count, placed_at, updated_at, version, count(*) OVER ()";

    private const string ByUserSql = $"SELECT {OrderColumns} FROM order_summaries WHERE user_id = $1 ORDER BY placed_at DESC, order_id DESC LIMIT $2 OFFSET $3";

    private const string ByStatusSql = $"SELECT {OrderColumns} FROM order_summaries WHERE status = $1 ORDER BY updated_at, order_id LIMIT $2 OFFSET $3";

    private const string ExceptionColumns =
        "order_id, number, user_id, kind, detail, status_before, raised_at, raised_by, resolution, resolution_note, resolved_at, resolved_by, count(*) OVER ()";

    private const string OpenExceptionsSql =
        $"SELECT {ExceptionColumns} FROM order_exceptions WHERE resolved_at IS NULL ORDER BY raised_at, order_id LIMIT $1 OFFSET $2";

    private const string AllExceptionsSql = $"""
        SELECT {ExceptionColumns} FROM order_exceptions
        ORDER BY (resolved_at IS NOT NULL), CASE WHEN resolved_at IS NULL THEN raised_at END, resolved_at DESC, order_id
        LIMIT $1 OFFSET $2
        """;

    public async Task UpsertOrderAsync(OrderSummary summary, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertOrderSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = summary.OrderId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = summary.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = summary.Status.ToString() });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = summary.Total.Amount });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = summary.Total.Currency });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = summary.ItemCount });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = summary.PlacedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = summary.UpdatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = summary.Version });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task UpsertExceptionAsync(ExceptionQueueEntry entry, CancellationToken cancellationToken = default)
    {
        var e = entry.Exception;
        await using var command = dataSource.CreateCommand(UpsertExceptionSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.OrderId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = e.Number });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Detail });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.StatusBefore.ToString() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.RaisedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.RaisedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Resolution?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.ResolutionNote ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.ResolvedAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.ResolvedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<ResultPage<OrderSummary>> GetByUserAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        QueryOrdersAsync(ByUserSql, "SELECT count(*) FROM order_summaries WHERE user_id = $1", userId, page, pageSize, cancellationToken);

    public Task<ResultPage<OrderSummary>> GetByStatusAsync(OrderStatus status, int page, int pageSize, CancellationToken cancellationToken = default) =>
        QueryOrdersAsync(ByStatusSql, "SELECT count(*) FROM order_summaries WHERE status = $1", status.ToString(), page, pageSize, cancellationToken);

    public async Task<ResultPage<ExceptionQueueEntry>> GetExceptionQueueAsync(bool includeResolved, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(includeResolved ? AllExceptionsSql : OpenExceptionsSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (page - 1) * pageSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<ExceptionQueueEntry>();
        long total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = new OrderExceptionRecord(
                reader.GetInt32(1),
                Enum.Parse<OrderExceptionKind>(reader.GetString(3)),
                reader.GetString(4),
                Enum.Parse<OrderStatus>(reader.GetString(5)),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : Enum.Parse<ExceptionAction>(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11));
            items.Add(new ExceptionQueueEntry(reader.GetString(0), reader.GetString(2), record));
            total = reader.GetInt64(12);
        }
        if (items.Count == 0 && page > 1) total = await CountExceptionsAsync(includeResolved, cancellationToken);
        return new ResultPage<ExceptionQueueEntry>(items, page, pageSize, total);
    }

    /// <param name="countSql">Counts the matches when the page is past the end (the window count then has no row to ride on).</param>
    private async Task<ResultPage<OrderSummary>> QueryOrdersAsync(string sql, string countSql, string key, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (page - 1) * pageSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<OrderSummary>();
        long total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OrderSummary(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<OrderStatus>(reader.GetString(2)),
                new Money(reader.GetDecimal(3), reader.GetString(4).Trim()),
                reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetInt32(8)));
            total = reader.GetInt64(9);
        }
        if (items.Count == 0 && page > 1)
        {
            await reader.DisposeAsync();
            await using var count = dataSource.CreateCommand(countSql);
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        return new ResultPage<OrderSummary>(items, page, pageSize, total);
    }

    private async Task<long> CountExceptionsAsync(bool includeResolved, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(includeResolved
            ? "SELECT count(*) FROM order_exceptions"
            : "SELECT count(*) FROM order_exceptions WHERE resolved_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
