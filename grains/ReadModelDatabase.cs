using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Commerce.Grains;

/// <summary>
/// The PostgreSQL data source the read models of every area share: one connection pool per connection
/// string in a process, instead of one pool per area against the same database. The container owns and
/// disposes it.
/// </summary>
internal static class ReadModelDatabase
{
    /// <summary>Registers the shared data source for <paramref name="connectionString"/>, once.</summary>
    public static IServiceCollection AddReadModelDatabase(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddKeyedSingleton(new Key(connectionString), (_, _) => NpgsqlDataSource.Create(connectionString));
        return services;
    }

    public static NpgsqlDataSource GetReadModelDatabase(this IServiceProvider services, string connectionString) =>
        services.GetRequiredKeyedService<NpgsqlDataSource>(new Key(connectionString));

    /// <summary>A key of its own type, so no other keyed data source can collide with it.</summary>
    private sealed record Key(string ConnectionString);
}
