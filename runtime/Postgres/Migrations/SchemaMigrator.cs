using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Commerce.Runtime.Postgres;

/// <summary>
/// Brings a database's schema up to date at start-up. Migrations are the embedded files
/// <c>Migrations/Sql/NNN_name.sql</c>: a later feature adds its tables by adding the next file,
/// nothing else. All pending migrations run in one transaction that first takes a transaction-level
/// advisory lock, so silos starting together queue up instead of racing: the first applies, the
/// others then find every version recorded in <c>schema_migrations</c> and apply nothing. A failure
/// rolls the whole run back.
/// </summary>
/// <remarks>
/// Because everything runs in a transaction, a migration cannot use statements PostgreSQL refuses
/// inside one (<c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>). Waiting for another silo's lock counts
/// against the connection string's command timeout.
/// </remarks>
public sealed partial class SchemaMigrator
{
    /// <summary>
    /// The advisory lock key migrators agree on: the ASCII bytes of "Commerce". Advisory locks are
    /// per database, so test databases on one server do not wait for each other.
    /// </summary>
    public const long AdvisoryLockKey = 0x436F_6D6D_6572_6365;

    private const string ResourcePrefix = "Commerce.Runtime.Postgres.Migrations.";

    private const string LockSql = "SELECT pg_advisory_xact_lock($1)";

    private const string CreateHistorySql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer     PRIMARY KEY,
            name        text        NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string AppliedVersionsSql = "SELECT version FROM schema_migrations";

    private const string RecordSql = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> s_embedded = new(LoadEmbedded);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    public SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Every migration this build knows, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations => s_embedded.Value;

    /// <summary>Applies the migrations the database has not recorded yet and returns them (empty when up to date).</summary>
    public async Task<IReadOnlyList<SchemaMigration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        SchemaMigration? current = null;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            await using (var command = new NpgsqlCommand(LockSql, connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Created under the lock: two first-time silos must not both try to create it.
            await using (var command = new NpgsqlCommand(CreateHistorySql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var applied = new HashSet<int>();
            await using (var command = new NpgsqlCommand(AppliedVersionsSql, connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) applied.Add(reader.GetInt32(0));
            }

            var pending = Migrations.Where(m => !applied.Contains(m.Version)).ToList();
            foreach (var migration in pending)
            {
                current = migration;
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await using (var command = new NpgsqlCommand(RecordSql, connection, transaction))
                {
                    command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            current = null;

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

            foreach (var migration in pending) LogApplied(_logger, migration.Version, migration.Name);
            var newer = applied.Where(v => Migrations.All(m => m.Version != v)).Order().ToList();
            // A newer silo of a rolling upgrade got here first; this one keeps running on the older
            // subset of the schema it knows, as additive migrations allow.
            if (newer.Count > 0) LogNewerVersions(_logger, string.Join(", ", newer));
            return pending;
        }
        catch (NpgsqlException ex)
        {
            var what = current is null ? "Updating the database schema failed" : $"Schema migration {current} failed";
            throw new SchemaMigrationException($"{what}: {ex.Message}", current, ex);
        }
    }

    private static IReadOnlyList<SchemaMigration> LoadEmbedded()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration file '{fileName}' is not named NNN_lower_case_name.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SchemaMigration(
                int.Parse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migrations {string.Join(" and ", duplicate)} share version {duplicate.Key}.");
        }
        return migrations.OrderBy(m => m.Version).ToArray();
    }

    [GeneratedRegex(@"^(?<version>[0-9]+)_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied schema migration {Version} {Name}")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The database has schema versions this build does not know ({Versions}); a newer silo applied them")]
    private static partial void LogNewerVersions(ILogger logger, string versions);
}
