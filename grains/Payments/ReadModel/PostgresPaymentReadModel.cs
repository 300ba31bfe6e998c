using Commerce.GrainInterfaces.Payments;
using Npgsql;
using NpgsqlTypes;

namespace Commerce.Grains.Payments.ReadModel;

/// <summary>The payment read model in the <c>payments</c> table (migrations 300, 301).</summary>
public sealed class PostgresPaymentReadModel(NpgsqlDataSource dataSource) : IPaymentReadModel
{
    private const string Columns = """
        payment_id, order_id, user_id, method, status, amount, currency, captured, refunded, settlement_amount,
        settlement_currency, gateway_reference, risk_score, risk_decision, created_at, updated_at, captured_at, settlement_batch_id, unsettled_since
        """;

    // An update that arrives late (older updated_at) must not overwrite a newer row.
    private const string UpsertSql = $"""
        INSERT INTO payments ({Columns})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
        ON CONFLICT (payment_id) DO UPDATE SET
            order_id = EXCLUDED.order_id, user_id = EXCLUDED.user_id, method = EXCLUDED.method, status = EXCLUDED.status,
            amount = EXCLUDED.amount, currency = EXCLUDED.currency, captured = EXCLUDED.captured, refunded = EXCLUDED.refunded,
            settlement_amount = EXCLUDED.settlement_amount, settlement_currency = EXCLUDED.settlement_currency,
            gateway_reference = EXCLUDED.gateway_reference, risk_score = EXCLUDED.risk_score, risk_decision = EXCLUDED.risk_decision,
            created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, captured_at = EXCLUDED.captured_at,
            settlement_batch_id = EXCLUDED.settlement_batch_id, unsettled_since = EXCLUDED.unsettled_since
        WHERE payments.updated_at <= EXCLUDED.updated_at
        """;

    private const string ListCreatedSql = $"""
        SELECT {Columns} FROM payments WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, payment_id
        """;

    private const string ListUnsettledSql = $"""
        SELECT {Columns} FROM payments WHERE unsettled_since < $1 ORDER BY unsettled_since, payment_id
        """;

    public async Task UpsertAsync(PaymentRecord p, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        await using var command = dataSource.CreateCommand(UpsertSql);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<string> { TypedValue = p.PaymentId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = p.OrderId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = p.UserId });
        parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)p.Method });
        parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)p.Status });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = p.Amount });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = p.Currency });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = p.Captured });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = p.Refunded });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = p.SettlementAmount });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = p.SettlementCurrency });
        parameters.Add(Nullable(p.GatewayReference, NpgsqlDbType.Text));
        parameters.Add(Nullable(p.RiskScore, NpgsqlDbType.Integer));
        parameters.Add(Nullable(p.RiskDecision is { } d ? (short)d : null, NpgsqlDbType.Smallint));
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = p.CreatedAt.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = p.UpdatedAt.ToUniversalTime() });
        parameters.Add(Nullable(p.CapturedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        parameters.Add(Nullable(p.SettlementBatchId, NpgsqlDbType.Text));
        parameters.Add(Nullable(p.UnsettledSince?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PaymentRecord>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListCreatedSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<PaymentRecord>> ListUnsettledAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListUnsettledSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
        return await ReadAsync(command, cancellationToken);
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static async Task<IReadOnlyList<PaymentRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<PaymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PaymentRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                (PaymentMethodKind)reader.GetInt16(3),
                (PaymentStatus)reader.GetInt16(4),
                reader.GetDecimal(5),
                reader.GetString(6),
                reader.GetDecimal(7),
                reader.GetDecimal(8),
                reader.GetDecimal(9),
                reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetInt32(12),
                reader.IsDBNull(13) ? null : (RiskDecision)reader.GetInt16(13),
                reader.GetFieldValue<DateTimeOffset>(14),
                reader.GetFieldValue<DateTimeOffset>(15),
                reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16),
                reader.IsDBNull(17) ? null : reader.GetString(17),
                reader.IsDBNull(18) ? null : reader.GetFieldValue<DateTimeOffset>(18)));
        }
        return rows;
    }
}
