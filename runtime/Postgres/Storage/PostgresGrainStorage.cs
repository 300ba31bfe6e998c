using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Commerce.Runtime.Postgres;

/// <summary>
/// Grain state in the PostgreSQL table <c>grain_state</c> (see <c>Migrations/Sql/001_grain_state.sql</c>),
/// one row per (grain type, key, state name), the state as a JSONB payload. The ETag is the row's
/// version number: the first write stores version 1 and each write increments it, conditional on
/// the version the writer read, so a stale activation's write or clear matches no row and fails with
/// <see cref="InconsistentStateException"/> instead of overwriting newer state.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private const string ReadSql =
        "SELECT payload, etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

    private const string ReadEtagSql =
        "SELECT etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

    // ON CONFLICT DO NOTHING: of two first writers exactly one inserts; the other gets no row back.
    private const string InsertSql = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, updated_at)
        VALUES ($1, $2, $3, 1, $4, now())
        ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
        RETURNING etag
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET payload = $4, etag = etag + 1, updated_at = now()
        WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $5
        RETURNING etag
        """;

    private const string DeleteSql =
        "DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $4";

    private readonly NpgsqlDataSource _dataSource;
    private readonly JsonSerializerOptions _json;

    /// <param name="dataSource">Where the table lives; not owned (the caller disposes it).</param>
    /// <param name="options">Serialization settings; defaults when null. The connection string is not used here.</param>
    public PostgresGrainStorage(NpgsqlDataSource dataSource, PostgresGrainStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _json = (options ?? new PostgresGrainStorageOptions()).JsonSerializerOptions;
    }

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        try
        {
            await using var command = CreateCommand(ReadSql, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Reset(grainState);
                return;
            }
            var payload = reader.GetFieldValue<byte[]>(0);
            var etag = reader.GetInt64(1);
            grainState.State = JsonSerializer.Deserialize<TState>(payload, _json) ?? DefaultState<TState>.Create();
            grainState.ETag = FormatEtag(etag);
            grainState.RecordExists = true;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Failure("Reading", stateName, grainId, ex);
        }
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(grainState.State, _json);
            long? written;
            if (grainState.ETag is null)
            {
                await using var command = CreateCommand(InsertSql, stateName, grainId);
                command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
                written = (long?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (ParseEtag(grainState.ETag) is long expected)
            {
                await using var command = CreateCommand(UpdateSql, stateName, grainId);
                command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
                written = (long?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                written = null;
            }

            if (written is null) throw await ConflictAsync("write", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
            grainState.ETag = FormatEtag(written.Value);
            grainState.RecordExists = true;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Failure("Writing", stateName, grainId, ex);
        }
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        try
        {
            if (grainState.ETag is null)
            {
                // Nothing was read, so there is nothing of ours to delete; a record someone else
                // wrote in the meantime is a conflict, not a no-op.
                var stored = await ReadEtagAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
                if (stored is not null) throw Conflict("clear", stateName, grainId, stored, null);
            }
            else
            {
                var deleted = 0;
                if (ParseEtag(grainState.ETag) is long expected)
                {
                    await using var command = CreateCommand(DeleteSql, stateName, grainId);
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
                    deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                if (deleted == 0) throw await ConflictAsync("clear", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
            }
            Reset(grainState);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Failure("Clearing", stateName, grainId, ex);
        }
    }

    private NpgsqlCommand CreateCommand(string sql, string stateName, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        if (grainId.IsDefault) throw new ArgumentException("A grain id is required.", nameof(grainId));
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        return command;
    }

    private async Task<string?> ReadEtagAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(ReadEtagSql, stateName, grainId);
        var stored = (long?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return stored is null ? null : FormatEtag(stored.Value);
    }

    private async Task<InconsistentStateException> ConflictAsync(string operation, string stateName, GrainId grainId, string? presented, CancellationToken cancellationToken)
    {
        var stored = await ReadEtagAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
        return Conflict(operation, stateName, grainId, stored, presented);
    }

    private static InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? stored, string? presented) =>
        new($"Version conflict on {operation} of state '{stateName}' of grain {grainId}: the writer read version {presented ?? "none"}, storage holds {stored ?? "none"}.",
            stored, presented);

    private static void Reset<TState>(IGrainState<TState> grainState)
    {
        grainState.State = DefaultState<TState>.Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Null for an ETag this storage never issued: it matches no row, so the caller gets a conflict.</summary>
    private static long? ParseEtag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    private static bool IsStorageFailure(Exception ex) => ex is NpgsqlException or JsonException;

    private static GrainStorageException Failure(string operation, string stateName, GrainId grainId, Exception ex) =>
        new($"{operation} state '{stateName}' of grain {grainId} failed: {ex.Message}", grainId, stateName, ex);

    /// <summary>
    /// The state a grain sees when nothing is stored: a new instance when the type can be built
    /// without arguments (so grain code need not null-check), otherwise the type's default.
    /// </summary>
    private static class DefaultState<TState>
    {
        public static readonly Func<TState> Create =
            typeof(TState).IsValueType || (!typeof(TState).IsAbstract && typeof(TState).GetConstructor(Type.EmptyTypes) is not null)
                ? Activator.CreateInstance<TState>
                : () => default!;
    }
}
