using Commerce.Runtime.Reminders;
using Npgsql;

namespace Commerce.Runtime.Postgres;

/// <summary>
/// The reminder table in PostgreSQL (<c>Migrations/Sql/003_reminders.sql</c>): one row per reminder
/// of one service. Writes are conditional on the row's etag, a number drawn from one sequence for the
/// whole table, so every write issues a version never seen before.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_time, period_ms, etag";

    private const string ReadAllSql = $"SELECT {Columns} FROM reminders WHERE service_id = $1";

    private const string ReadGrainSql = $"SELECT {Columns} FROM reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3";

    private const string ReadOneSql = $"SELECT {Columns} FROM reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4";

    // ON CONFLICT DO NOTHING: of two first writers exactly one inserts; the other gets no row back.
    private const string InsertSql = """
        INSERT INTO reminders (service_id, grain_type, grain_key, reminder_name, start_time, period_ms, etag)
        VALUES ($1, $2, $3, $4, $5, $6, nextval('reminders_etag_seq'))
        ON CONFLICT (service_id, grain_type, grain_key, reminder_name) DO NOTHING
        RETURNING etag
        """;

    private const string UpdateSql = """
        UPDATE reminders SET start_time = $5, period_ms = $6, etag = nextval('reminders_etag_seq')
        WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4 AND etag = $7
        RETURNING etag
        """;

    private const string DeleteSql =
        "DELETE FROM reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4 AND etag = $5";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;

    /// <param name="dataSource">Where the table lives; not owned (the caller disposes it).</param>
    /// <param name="serviceId">Whose reminders these are; see <see cref="PostgresReminderOptions.ServiceId"/>.</param>
    public PostgresReminderTable(NpgsqlDataSource dataSource, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        _dataSource = dataSource;
        _serviceId = serviceId;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(CreateCommand(ReadAllSql), "Reading the reminders of the service", cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        ReadAsync(CreateCommand(ReadGrainSql, grainId), $"Reading the reminders of {grainId}", cancellationToken);

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(CreateCommand(ReadOneSql, grainId, reminderName), $"Reading reminder '{reminderName}' of {grainId}", cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<string?> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        long? expected = null;
        if (entry.ETag is not null)
        {
            // An etag this table never issued matches no row: a conflict, not an error.
            if (!long.TryParse(entry.ETag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)) return null;
            expected = parsed;
        }

        try
        {
            await using var command = CreateCommand(expected is null ? InsertSql : UpdateSql, entry.GrainId, entry.ReminderName);
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc) });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)entry.Period.TotalMilliseconds });
            if (expected is long version) command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
            var written = (long?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return written is long eTag ? FormatETag(eTag) : null;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Writing {entry}", ex);
        }
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eTag);
        if (!long.TryParse(eTag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expected)) return false;
        try
        {
            await using var command = CreateCommand(DeleteSql, grainId, reminderName);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Removing reminder '{reminderName}' of {grainId}", ex);
        }
    }

    private NpgsqlCommand CreateCommand(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        return command;
    }

    private NpgsqlCommand CreateCommand(string sql, GrainId grainId)
    {
        if (grainId.IsDefault) throw new ArgumentException("A grain id is required.", nameof(grainId));
        var command = CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        return command;
    }

    private NpgsqlCommand CreateCommand(string sql, GrainId grainId, string reminderName)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var command = CreateCommand(sql, grainId);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reminderName });
        return command;
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadAsync(NpgsqlCommand command, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using (command)
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var rows = new List<ReminderEntry>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new ReminderEntry(
                        GrainId.Create(new GrainType(reader.GetString(0)), reader.GetString(1)),
                        reader.GetString(2),
                        DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(3), DateTimeKind.Utc),
                        TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                        FormatETag(reader.GetInt64(5))));
                }

                return rows;
            }
        }
        catch (NpgsqlException ex)
        {
            throw Failure(what, ex);
        }
    }

    private static string FormatETag(long eTag) => eTag.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ReminderTableException Failure(string what, NpgsqlException ex) => new($"{what} failed: {ex.Message}", ex);
}
