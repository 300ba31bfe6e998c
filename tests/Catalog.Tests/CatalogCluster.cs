using Commerce.Grains;
using Commerce.Grains.Catalog;
using Commerce.Grains.Inventory;
using Commerce.Grains.Testing;
using Commerce.Postgres.Migrations;
using Commerce.Silo;
using Commerce.Testing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Commerce.Catalog.Tests;

/// <summary>An in-process cluster with the commerce grains and reminders short enough for tests.</summary>
public static class CatalogCluster
{
    public static readonly TimeSpan ReminderPeriod = CommerceTestCluster.MinimumReminderPeriod;

    /// <summary>The service id of clusters on PostgreSQL storage: part of every stored state's and reminder's key.</summary>
    private const string DurableServiceId = "catalog-tests";

    public static Task<CommerceTestCluster> StartAsync(
        Action<CatalogOptions>? catalog = null,
        Action<InventoryOptions>? inventory = null,
        Action<ISiloBuilder>? silo = null,
        Action<IServiceCollection>? services = null) =>
        CommerceTestCluster.StartAsync(
            silo,
            s =>
            {
                s.Configure<CatalogOptions>(o =>
                {
                    o.ReminderPeriod = ReminderPeriod;
                    catalog?.Invoke(o);
                });
                s.Configure<InventoryOptions>(o =>
                {
                    o.ExpiryReminderPeriod = ReminderPeriod;
                    inventory?.Invoke(o);
                });
                services?.Invoke(s);
            });

    /// <summary>A fresh database with the commerce schema (Orleans' tables and the read models).</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(PostgresFixture postgres, string prefix)
    {
        var connectionString = await postgres.CreateDatabaseAsync(prefix);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, migrationAssemblies: [CommerceSchema.MigrationAssembly]).MigrateAsync();
        return connectionString;
    }

    /// <summary>
    /// Grain state and reminders in PostgreSQL, so they outlive the cluster: a later cluster on the same database finds
    /// them. Each test cluster draws a new service id, so this one fixes it.
    /// </summary>
    public static ISiloBuilder UsePostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        silo.UseCommercePostgresStorage(connectionString);
        silo.Services.PostConfigure<ClusterOptions>(o => o.ServiceId = DurableServiceId);
        return silo;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        return await condition();
    }
}
