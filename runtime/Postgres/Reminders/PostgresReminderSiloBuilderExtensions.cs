using Commerce.Runtime.Configuration;
using Commerce.Runtime.Hosting;
using Commerce.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Runtime.Postgres;

/// <summary>Reminders kept in PostgreSQL: <c>silo.UsePostgresReminders(connectionString)</c>.</summary>
public static class PostgresReminderSiloBuilderExtensions
{
    /// <summary>The key of the <see cref="NpgsqlDataSource"/> the reminder table uses (a keyed service, disposed with the container).</summary>
    public const string DataSourceKey = "reminders";

    /// <summary>
    /// Adds the reminder service over the PostgreSQL table <c>reminders</c> of the database at
    /// <paramref name="connectionString"/>. Run <see cref="SchemaMigrator"/> before the silo starts.
    /// </summary>
    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder silo, string connectionString) =>
        silo.UsePostgresReminders(options => options.ConnectionString = connectionString);

    /// <inheritdoc cref="UsePostgresReminders(ISiloBuilder, string)"/>
    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder silo, Action<PostgresReminderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configure);
        silo.Services.AddOptions<PostgresReminderOptions>()
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "The PostgreSQL reminder table needs a connection string.");
        silo.Services.AddKeyedSingleton(DataSourceKey, (sp, _) =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<PostgresReminderOptions>>().Value.ConnectionString!));
        return silo.UseReminders(sp => new PostgresReminderTable(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey),
            sp.GetRequiredService<IOptions<PostgresReminderOptions>>().Value.ServiceId
                ?? sp.GetRequiredService<IOptions<SiloOptions>>().Value.ClusterId));
    }
}
