using System.Net;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Commerce.Postgres.Tests.Orleans;

/// <summary>
/// Silos and clients of one Orleans cluster on a fresh, migrated database, configured the way
/// production configures Orleans' ADO.NET providers (invariant "Npgsql"): clustering, grain storage
/// <see cref="StorageName"/> and reminders. Silos listen on loopback TCP; clients find them through
/// the membership table's gateway list. Disposing stops clients, then silos.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string Invariant = "Npgsql";
    public const string StorageName = "postgres";

    private readonly List<IHost> _silos = [];
    private readonly List<IHost> _clients = [];

    private PostgresCluster(string connectionString, NpgsqlDataSource dataSource)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    public string ConnectionString { get; }

    /// <summary>The cluster's database, for looking at the tables behind the providers.</summary>
    public NpgsqlDataSource DataSource { get; }

    public string ClusterId { get; } = $"cluster-{Guid.NewGuid():N}";

    public string ServiceId { get; } = $"service-{Guid.NewGuid():N}";

    /// <summary>Warnings and errors logged by the cluster's silos and clients.</summary>
    public LogCollector Log { get; } = new();

    /// <summary>Creates a database for the cluster and applies the schema migrations; starts nothing.</summary>
    public static async Task<PostgresCluster> CreateAsync(PostgresFixture postgres, string databasePrefix)
    {
        var connectionString = await postgres.CreateDatabaseAsync(databasePrefix);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        return new PostgresCluster(connectionString, dataSource);
    }

    public async Task<IHost> StartSiloAsync(string name)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = name,
            EnvironmentName = Environments.Development,
            DisableDefaults = true,
        });
        builder.Logging.AddProvider(Log);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = name);
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Take(), FreePorts.Take());
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = ConnectionString;
            });
            silo.AddAdoNetGrainStorage(StorageName, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = ConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = ConnectionString;
            });
            // Orleans refuses periods under a minute by default; the reminder tests tick every second.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        await StartAsync(host, _silos);
        return host;
    }

    public async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "client",
            EnvironmentName = Environments.Development,
            DisableDefaults = true,
        });
        builder.Logging.AddProvider(Log);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = ConnectionString;
            });
        });
        var host = builder.Build();
        await StartAsync(host, _clients);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_clients).Concat(Enumerable.Reverse(_silos)))
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await host.StopAsync(timeout.Token);
            }
            finally
            {
                host.Dispose();
            }
        }
        await DataSource.DisposeAsync();
        var dump = Environment.GetEnvironmentVariable("ORLEANS_TEST_LOG_DIR");
        if (!string.IsNullOrEmpty(dump)) await File.WriteAllLinesAsync(Path.Combine(dump, $"{ClusterId}.log"), Log.Entries);
    }

    private static async Task StartAsync(IHost host, List<IHost> started)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(timeout.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        started.Add(host);
    }
}

public static class HostExtensions
{
    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();
}
