using Commerce.Grains;
using Commerce.Runtime.Postgres;
using Npgsql;

namespace Commerce.Silo;

/// <summary>
/// Brings the database schema up to date before the silo joins: migrations are versioned and
/// idempotent, and silos starting together serialize on an advisory lock.
/// </summary>
internal sealed class SchemaMigrationHostedService(string connectionString, ILogger<SchemaMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var applied = await new SchemaMigrator(dataSource, logger, [CommerceSchema.MigrationAssembly]).MigrateAsync(cancellationToken);
        logger.LogInformation("Database schema is current ({Count} migrations applied now)", applied.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
