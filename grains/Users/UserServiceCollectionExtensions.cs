using Commerce.GrainInterfaces.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Users;

public static class UserServiceCollectionExtensions
{
    /// <summary>The user grains' services: options from the <c>Users</c> section, field encryption, an in-memory listing.</summary>
    public static IServiceCollection AddUserGrains(this IServiceCollection services)
    {
        services.AddOptions<UserOptions>().BindConfiguration(UserOptions.Section);
        services.TryAddSingleton(sp => new SensitiveDataProtector(
            sp.GetRequiredService<IOptions<UserOptions>>().Value.EncryptionKey, sp.GetRequiredService<ILogger<SensitiveDataProtector>>()));
        services.TryAddSingleton<IUserIndex, MemoryUserIndex>();
        return services;
    }

    /// <summary>Keeps the user listing in PostgreSQL (table <c>users</c>, migration 400).</summary>
    public static IServiceCollection UsePostgresUserIndex(this IServiceCollection services, string connectionString)
    {
        services.RemoveAll<IUserIndex>();
        services.AddReadModelDatabase(connectionString);
        services.AddSingleton<IUserIndex>(sp => new PostgresUserIndex(sp.GetReadModelDatabase(connectionString)));
        return services;
    }
}
