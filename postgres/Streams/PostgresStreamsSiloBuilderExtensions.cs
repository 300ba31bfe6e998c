using Commerce.Runtime.Hosting;
using Commerce.Runtime.Placement;
using Commerce.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Runtime.Postgres.Streams;

/// <summary>Durable streams on PostgreSQL: <c>silo.UsePostgresStreams(connectionString)</c>.</summary>
public static class PostgresStreamsSiloBuilderExtensions
{
    /// <summary>The key of the <see cref="NpgsqlDataSource"/> the stream log uses (a keyed service, disposed with the container).</summary>
    public const string DataSourceKey = "streams";

    /// <summary>
    /// The <c>application_name</c> (in <c>pg_stat_activity</c>) of the connection on which a silo
    /// listens for appends, followed by <c>:</c> and the provider's name: one per silo and provider.
    /// </summary>
    public const string ListenerApplicationName = "commerce-streams-listener";

    /// <summary>
    /// Makes <see cref="StreamProviderNames.Durable"/> the PostgreSQL provider over the stream log of
    /// the database at <paramref name="connectionString"/>, with pulling agents for the partitions this
    /// silo owns. Run <see cref="SchemaMigrator"/> before the silo starts.
    /// </summary>
    public static ISiloBuilder UsePostgresStreams(this ISiloBuilder silo, string connectionString, Action<PostgresStreamProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var services = silo.Services;
        services.AddOptions<PostgresStreamProviderOptions>().Configure(o =>
        {
            o.ConnectionString = connectionString;
            configure?.Invoke(o);
        });
        services.AddKeyedSingleton(DataSourceKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<PostgresStreamProviderOptions>>().Value;
            options.Validate();
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
            return builder.Build();
        });
        services.AddSingleton(sp => new PostgresStreamLog(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey),
            sp.GetRequiredService<IOptions<PostgresStreamProviderOptions>>().Value.Log));
        services.AddSingleton(sp => new PostgresStreamProvider(StreamProviderNames.Durable, sp.GetRequiredService<StreamRuntime>(), sp.GetRequiredService<PostgresStreamLog>()));
        services.AddSingleton(sp => new StreamPartitionAgents(
            sp.GetRequiredService<PostgresStreamProvider>(),
            sp.GetRequiredService<IOptions<PostgresStreamProviderOptions>>().Value,
            sp.GetRequiredService<IGrainOwnership>(),
            sp.GetRequiredService<ILogger<StreamPartitionAgents>>()));
        services.AddHostedService(sp => sp.GetRequiredService<StreamPartitionAgents>());
        return silo.AddStreamProvider(StreamProviderNames.Durable, sp => sp.GetRequiredService<PostgresStreamProvider>());
    }
}
