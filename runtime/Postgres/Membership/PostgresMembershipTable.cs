using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Commerce.Runtime.Membership;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Commerce.Runtime.Postgres;

/// <summary>
/// The membership table in PostgreSQL (<c>Migrations/Sql/002_membership.sql</c>): rows in
/// <c>membership</c>, the cluster's version in <c>membership_version</c>. A write is one transaction
/// that first increments the version on the condition that it still is the version the writer read
/// (which also serializes writers on that one row), then writes the row on the condition of its
/// etag, then sends <c>NOTIFY</c>; either condition failing rolls everything back and answers false.
/// </summary>
/// <remarks>
/// Change notifications: the first <see cref="WatchVersionsAsync"/> starts a listener on a dedicated
/// connection (<c>LISTEN</c> on <see cref="ChannelFor"/> of the cluster id). When the connection drops
/// it reconnects after <see cref="PostgresMembershipOptions.NotificationReconnectDelay"/> and announces
/// the version it reads then, since notifications sent meanwhile were lost.
/// Database failures throw <see cref="MembershipTableException"/>.
/// </remarks>
public sealed partial class PostgresMembershipTable : IMembershipTable, IAsyncDisposable
{
    private const string ReadAllSql = """
        SELECT v.version, m.address, m.status, m.silo_name, m.host_name, m.gateway_port, m.start_time, m.i_am_alive, m.suspicions, m.etag
        FROM membership_version v
        LEFT JOIN membership m ON m.cluster_id = v.cluster_id
        WHERE v.cluster_id = $1
        """;

    private const string ReadVersionSql = "SELECT version FROM membership_version WHERE cluster_id = $1";

    // Created by the first write; concurrent first writers queue on the key, then all but one fail the version check.
    private const string EnsureVersionSql = "INSERT INTO membership_version (cluster_id, version) VALUES ($1, 0) ON CONFLICT (cluster_id) DO NOTHING";

    private const string BumpVersionSql = "UPDATE membership_version SET version = version + 1 WHERE cluster_id = $1 AND version = $2 RETURNING version";

    private const string BumpAnyVersionSql = "UPDATE membership_version SET version = version + 1 WHERE cluster_id = $1 RETURNING version";

    private const string InsertSql = """
        INSERT INTO membership (cluster_id, address, status, silo_name, host_name, gateway_port, start_time, i_am_alive, suspicions, etag)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)
        ON CONFLICT (cluster_id, address) DO NOTHING
        """;

    private const string UpdateSql = """
        UPDATE membership SET status = $3, suspicions = $4, i_am_alive = GREATEST(i_am_alive, $5), etag = etag + 1
        WHERE cluster_id = $1 AND address = $2 AND etag = $6 AND status <> 'Dead'
        """;

    private const string IAmAliveSql =
        "UPDATE membership SET i_am_alive = GREATEST(i_am_alive, $3) WHERE cluster_id = $1 AND address = $2 AND status <> 'Dead'";

    private const string DeleteDeadSql = "DELETE FROM membership WHERE cluster_id = $1 AND status = 'Dead' AND i_am_alive < $2";

    private const string NotifySql = "SELECT pg_notify($1, $2)";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly string _channel;
    private readonly PostgresMembershipOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _watchGate = new();
    private readonly List<ChannelWriter<long>> _watchers = [];
    private readonly CancellationTokenSource _disposing = new();
    private Task? _listener;

    /// <param name="dataSource">Where the tables live; not owned (the caller disposes it). The listener holds one of its connections.</param>
    /// <param name="clusterId">Whose rows these are.</param>
    /// <param name="options">Listener settings; defaults when null. The connection string and cluster id in it are not used here.</param>
    /// <param name="logger">Where listener failures are logged.</param>
    public PostgresMembershipTable(NpgsqlDataSource dataSource, string clusterId, PostgresMembershipOptions? options = null, ILogger<PostgresMembershipTable>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        _dataSource = dataSource;
        _clusterId = clusterId;
        _channel = ChannelFor(clusterId);
        _options = options ?? new PostgresMembershipOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// The NOTIFY channel of a cluster: a fixed prefix and a hash of the cluster id, so any id maps to
    /// a lower-case identifier within PostgreSQL's 63-byte limit that needs no escaping.
    /// </summary>
    public static string ChannelFor(string clusterId)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        return "membership_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clusterId)).AsSpan(0, 16));
    }

    public async Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(ReadAllSql);
            command.Parameters.Add(Text(_clusterId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            long version = 0;
            var rows = new List<MembershipRow>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                version = reader.GetInt64(0);
                if (reader.IsDBNull(1)) continue; // The version row of a cluster whose rows were all deleted.
                var entry = new MembershipEntry(
                    SiloAddress.Parse(reader.GetString(1)),
                    Enum.Parse<SiloStatus>(reader.GetString(2)),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetInt32(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetFieldValue<DateTimeOffset>(7),
                    ReadVotes(reader.GetString(8)));
                rows.Add(new MembershipRow(entry, reader.GetInt64(9)));
            }
            return new MembershipTableSnapshot(version, rows);
        }
        catch (Exception ex) when (ex is NpgsqlException or JsonException or FormatException or ArgumentException)
        {
            throw Failure("Reading the membership", ex);
        }
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(expectedVersion, $"Inserting {entry.Address}", async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
            command.Parameters.Add(Text(_clusterId));
            command.Parameters.Add(Text(entry.Address.ToString()));
            command.Parameters.Add(Text(entry.Status.ToString()));
            command.Parameters.Add(Text(entry.SiloName));
            command.Parameters.Add(Text(entry.HostName));
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.GatewayPort });
            command.Parameters.Add(Time(entry.StartTime));
            command.Parameters.Add(Time(entry.IAmAliveTime));
            command.Parameters.Add(Votes(entry.Suspicions));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, long etag, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(expectedVersion, $"Updating {entry.Address}", async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(UpdateSql, connection, transaction);
            command.Parameters.Add(Text(_clusterId));
            command.Parameters.Add(Text(entry.Address.ToString()));
            command.Parameters.Add(Text(entry.Status.ToString()));
            command.Parameters.Add(Votes(entry.Suspicions));
            command.Parameters.Add(Time(entry.IAmAliveTime));
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = etag });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        try
        {
            await using var command = _dataSource.CreateCommand(IAmAliveSql);
            command.Parameters.Add(Text(_clusterId));
            command.Parameters.Add(Text(silo.ToString()));
            command.Parameters.Add(Time(time));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Writing i-am-alive of {silo}", ex);
        }
    }

    public async Task<int> DeleteDeadRowsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Version first: every writer takes the version row before membership rows, so none waits in a cycle.
            var version = await ScalarAsync(connection, transaction, BumpAnyVersionSql, cancellationToken, Text(_clusterId)).ConfigureAwait(false);
            if (version is null) return 0; // Nothing was ever written for this cluster.
            int deleted;
            await using (var command = new NpgsqlCommand(DeleteDeadSql, connection, transaction))
            {
                command.Parameters.Add(Text(_clusterId));
                command.Parameters.Add(Time(olderThan));
                deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            if (deleted == 0) return 0; // Rolled back: the version moves only when rows did.
            await NotifyAsync(connection, transaction, version.Value, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
        catch (NpgsqlException ex)
        {
            throw Failure("Deleting defunct rows", ex);
        }
    }

    public async IAsyncEnumerable<long> WatchVersionsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Capacity one, oldest dropped: a slow reader only ever needs the latest version.
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_watchGate)
        {
            if (_disposing.IsCancellationRequested) yield break;
            _watchers.Add(channel.Writer);
            _listener ??= Task.Run(() => ListenAsync(_disposing.Token));
        }
        try
        {
            await foreach (var version in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return version;
        }
        finally
        {
            lock (_watchGate) _watchers.Remove(channel.Writer);
        }
    }

    /// <summary>Stops the listener and ends every <see cref="WatchVersionsAsync"/> enumeration.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? listener;
        lock (_watchGate)
        {
            if (_disposing.IsCancellationRequested) return;
            _disposing.Cancel();
            listener = _listener;
            foreach (var watcher in _watchers) watcher.TryComplete();
        }
        if (listener is not null) await listener.ConfigureAwait(false);
        _disposing.Dispose();
    }

    /// <summary>Bumps the version conditionally, runs <paramref name="writeRow"/>, notifies, commits; false (rolled back) on either conflict.</summary>
    private async Task<bool> WriteAsync(long expectedVersion, string what, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> writeRow, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (expectedVersion == 0)
            {
                await using var ensure = new NpgsqlCommand(EnsureVersionSql, connection, transaction);
                ensure.Parameters.Add(Text(_clusterId));
                await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var version = await ScalarAsync(connection, transaction, BumpVersionSql, cancellationToken,
                Text(_clusterId), new NpgsqlParameter<long> { TypedValue = expectedVersion }).ConfigureAwait(false);
            // Disposing the transaction uncommitted rolls it back.
            if (version is null || !await writeRow(connection, transaction).ConfigureAwait(false)) return false;
            await NotifyAsync(connection, transaction, version.Value, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or JsonException)
        {
            throw Failure(what, ex);
        }
    }

    private static async Task<long?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return (long?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivered by PostgreSQL when (and only if) the transaction commits.</summary>
    private async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(NotifySql, connection, transaction);
        command.Parameters.Add(Text(_channel));
        command.Parameters.Add(Text(version.ToString(CultureInfo.InvariantCulture)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ListenAsync(CancellationToken disposing)
    {
        var attempt = 0;
        while (!disposing.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(disposing).ConfigureAwait(false);
                connection.Notification += OnNotification;
                // A channel name is an identifier, which cannot be a parameter; ChannelFor makes it safe to quote.
                await using (var listen = new NpgsqlCommand($"LISTEN \"{_channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(disposing).ConfigureAwait(false);
                }
                if (attempt++ > 0) LogListenerReconnected(_logger, _clusterId);
                // Whatever changed while nobody listened was not notified.
                Publish(await ReadVersionAsync(connection, disposing).ConfigureAwait(false));
                while (true)
                {
                    if (!await connection.WaitAsync(_options.NotificationKeepAlivePeriod, disposing).ConfigureAwait(false))
                    {
                        Publish(await ReadVersionAsync(connection, disposing).ConfigureAwait(false));
                    }
                }
            }
            catch (OperationCanceledException) when (disposing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever failed, the listener must live on: views fall back to the periodic refresh meanwhile.
                LogListenerFailed(_logger, ex, _clusterId, _options.NotificationReconnectDelay);
                try
                {
                    await Task.Delay(_options.NotificationReconnectDelay, disposing).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<long> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadVersionSql, connection);
        command.Parameters.Add(Text(_clusterId));
        return (long?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0;
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == _channel && long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) Publish(version);
    }

    private void Publish(long version)
    {
        lock (_watchGate)
        {
            foreach (var watcher in _watchers) watcher.TryWrite(version);
        }
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    /// <summary>timestamptz takes UTC only.</summary>
    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };

    private static NpgsqlParameter<string> Votes(ImmutableArray<SuspicionVote> votes) => new()
    {
        TypedValue = JsonSerializer.Serialize(
            (votes.IsDefault ? [] : votes).Select(v => new StoredVote(v.Voter.ToString(), v.Time.ToUniversalTime())), s_json),
        NpgsqlDbType = NpgsqlDbType.Jsonb,
    };

    private static ImmutableArray<SuspicionVote> ReadVotes(string json) =>
        (JsonSerializer.Deserialize<StoredVote[]>(json, s_json) ?? []).Select(v => new SuspicionVote(SiloAddress.Parse(v.Voter), v.Time)).ToImmutableArray();

    private MembershipTableException Failure(string what, Exception ex) =>
        new($"{what} in the membership table of cluster '{_clusterId}' failed: {ex.Message}", ex);

    /// <summary>A vote as stored in the <c>suspicions</c> JSON array.</summary>
    private sealed record StoredVote(string Voter, DateTimeOffset Time);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The membership notification listener of cluster {ClusterId} failed; reconnecting in {Delay}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string clusterId, TimeSpan delay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The membership notification listener of cluster {ClusterId} reconnected")]
    private static partial void LogListenerReconnected(ILogger logger, string clusterId);
}
