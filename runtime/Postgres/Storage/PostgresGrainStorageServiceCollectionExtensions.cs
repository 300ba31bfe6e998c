using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Runtime.Postgres;

/// <summary>Registers <see cref="PostgresGrainStorage"/> as a named grain storage provider.</summary>
public static class PostgresGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds PostgreSQL grain storage under <paramref name="name"/>: an <see cref="IGrainStorage"/> and
    /// the <see cref="NpgsqlDataSource"/> it uses, both keyed services with that name (the data
    /// source is disposed with the container). Run <see cref="SchemaMigrator"/> before first use.
    /// </summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name, Action<PostgresGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PostgresGrainStorageOptions>(name)
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"Grain storage '{name}' needs a connection string.");
        services.AddKeyedSingleton(name, (sp, _) =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name).ConnectionString!));
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new PostgresGrainStorage(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(name),
            sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name)));
        return services;
    }

    /// <summary>Adds PostgreSQL grain storage as the default provider (<see cref="StorageNames.Default"/>).</summary>
    public static IServiceCollection AddPostgresGrainStorageAsDefault(this IServiceCollection services, Action<PostgresGrainStorageOptions> configure) =>
        services.AddPostgresGrainStorage(StorageNames.Default, configure);
}
