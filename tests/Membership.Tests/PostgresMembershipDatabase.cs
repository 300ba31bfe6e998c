using Commerce.Runtime.Postgres;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>The migrated database the PostgreSQL membership tests share; each test uses its own cluster id.</summary>
public static class PostgresMembershipDatabase
{
    /// <summary>Reconnects fast, so the tests of a dropped listener need not wait the production second.</summary>
    public static PostgresMembershipOptions TestOptions => new() { NotificationReconnectDelay = TimeSpan.FromMilliseconds(100) };

    public static async Task<NpgsqlDataSource> OpenAsync(PostgresFixture postgres)
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.GetOrCreateDatabaseAsync("membership"));
        await new SchemaMigrator(dataSource).MigrateAsync();
        return dataSource;
    }

    public static string NewClusterId() => $"test-{Guid.NewGuid():N}";
}
