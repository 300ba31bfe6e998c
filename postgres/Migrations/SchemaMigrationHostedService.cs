using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.Postgres.Migrations;

/// <summary>
/// Brings the database schema up to date at start-up, before the host's other services run: the
/// runtime's migrations plus those embedded in <paramref name="migrationAssemblies"/>. Migrations are
/// versioned and idempotent and serialize on an advisory lock, so silos and API hosts may start together.
/// </summary>
public sealed class SchemaMigrationHostedService(string connectionString, IEnumerable<Assembly> migrationAssemblies, ILogger<SchemaMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var applied = await new SchemaMigrator(dataSource, logger, migrationAssemblies).MigrateAsync(cancellationToken);
        logger.LogInformation("Database schema is current ({Count} migrations applied now)", applied.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
