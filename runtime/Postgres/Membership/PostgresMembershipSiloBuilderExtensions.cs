using Commerce.Runtime.Configuration;
using Commerce.Runtime.Hosting;
using Commerce.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Runtime.Postgres;

/// <summary>Membership kept in PostgreSQL: <c>silo.UsePostgresClustering(connectionString)</c>.</summary>
public static class PostgresMembershipSiloBuilderExtensions
{
    /// <summary>
    /// The key of the <see cref="NpgsqlDataSource"/> the membership table uses (a keyed service, disposed
    /// with the container). Its own pool, so heartbeats and votes never queue behind grain storage.
    /// </summary>
    public const string DataSourceKey = "membership";

    /// <summary>
    /// Adds the membership service over the PostgreSQL tables <c>membership</c> and
    /// <c>membership_version</c> of the database at <paramref name="connectionString"/>. Run
    /// <see cref="SchemaMigrator"/> before the silo joins.
    /// </summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, string connectionString) =>
        silo.UsePostgresClustering(options => options.ConnectionString = connectionString);

    /// <inheritdoc cref="UsePostgresClustering(ISiloBuilder, string)"/>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, Action<PostgresMembershipOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configure);
        silo.Services.AddOptions<PostgresMembershipOptions>()
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "The PostgreSQL membership table needs a connection string.")
            .Validate(o => o.NotificationReconnectDelay > TimeSpan.Zero && o.NotificationKeepAlivePeriod > TimeSpan.Zero,
                "The PostgreSQL membership notification delays must be positive.")
            .ValidateOnStart();
        silo.Services.AddKeyedSingleton(DataSourceKey, (sp, _) =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<PostgresMembershipOptions>>().Value.ConnectionString!));
        return silo.UseMembershipTable(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgresMembershipOptions>>().Value;
            return new PostgresMembershipTable(
                sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey),
                options.ClusterId ?? sp.GetRequiredService<IOptions<SiloOptions>>().Value.ClusterId,
                options,
                sp.GetService<ILogger<PostgresMembershipTable>>());
        });
    }
}
