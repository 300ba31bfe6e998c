using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Grains.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log grain's store: in memory unless <see cref="UsePostgresAuditLog"/> swaps it.</summary>
    public static IServiceCollection AddAuditGrains(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditStore, MemoryAuditStore>();
        return services;
    }

    /// <summary>Keeps the audit log in PostgreSQL (table <c>audit_log</c>, migration 401).</summary>
    public static IServiceCollection UsePostgresAuditLog(this IServiceCollection services, string connectionString)
    {
        services.RemoveAll<IAuditStore>();
        services.AddReadModelDatabase(connectionString);
        services.AddSingleton<IAuditStore>(sp => new PostgresAuditStore(sp.GetReadModelDatabase(connectionString)));
        return services;
    }
}
