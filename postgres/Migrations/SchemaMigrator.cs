using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Commerce.Postgres.Migrations;

/// <summary>
/// Brings a database's schema up to date at start-up. Migrations are embedded SQL files named
/// <c>{AssemblyName}.Migrations.NNN_name.sql</c>: the runtime's own (<c>Migrations/Sql/</c> here) plus
/// those of the assemblies passed in, e.g. the commerce grains' read models. A later feature adds its
/// tables by adding the next file, nothing else; version numbers are shared by all assemblies, so each
/// area keeps to its own range. All pending migrations run in one transaction that first takes a transaction-level
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

    private const string ResourceFolder = ".Migrations.";

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

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> s_runtime = new(() => Load([typeof(SchemaMigrator).Assembly]));

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<SchemaMigration> _known;

    /// <param name="dataSource">The database to migrate; not owned.</param>
    /// <param name="logger">Logs each applied migration.</param>
    /// <param name="migrationAssemblies">Assemblies whose embedded migrations apply besides the runtime's.</param>
    public SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator>? logger = null, IEnumerable<Assembly>? migrationAssemblies = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var extra = migrationAssemblies?.Where(a => a != typeof(SchemaMigrator).Assembly).Distinct().ToArray() ?? [];
        _known = extra.Length == 0 ? Migrations : Load([typeof(SchemaMigrator).Assembly, .. extra]);
    }

    /// <summary>The runtime's own migrations (membership, grain state, reminders, streams), in version order.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations => s_runtime.Value;

    /// <summary>What this migrator applies: the runtime's migrations and those of its extra assemblies, in version order.</summary>
    public IReadOnlyList<SchemaMigration> KnownMigrations => _known;

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

            var pending = _known.Where(m => !applied.Contains(m.Version)).ToList();
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
            var newer = applied.Where(v => _known.All(m => m.Version != v)).Order().ToList();
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

    private static IReadOnlyList<SchemaMigration> Load(IEnumerable<Assembly> assemblies)
    {
        var migrations = new List<SchemaMigration>();
        foreach (var assembly in assemblies)
        {
            LoadFrom(assembly, migrations);
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migrations {string.Join(" and ", duplicate)} share version {duplicate.Key}.");
        }
        return migrations.OrderBy(m => m.Version).ToArray();
    }

    private static void LoadFrom(Assembly assembly, List<SchemaMigration> migrations)
    {
        var prefix = assembly.GetName().Name + ResourceFolder;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
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
    }

    [GeneratedRegex(@"^(?<version>[0-9]+)_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied schema migration {Version} {Name}")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The database has schema versions this build does not know ({Versions}); a newer silo applied them")]
    private static partial void LogNewerVersions(ILogger logger, string versions);
}
