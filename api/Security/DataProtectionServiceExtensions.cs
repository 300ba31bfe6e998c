using Commerce.GrainInterfaces.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Api.Security;

public static class DataProtectionServiceExtensions
{
    /// <summary>
    /// The application name every API host shares: Data Protection isolates key use by it, and the
    /// default (the content root path) differs between hosts and deployments.
    /// </summary>
    public const string ApplicationName = "Commerce.Api";

    /// <summary>
    /// Keeps the Data Protection key ring (which protects bearer tokens) in PostgreSQL, shared by all API
    /// hosts on that database under <see cref="ApplicationName"/>, with key material encrypted by
    /// <see cref="SensitiveDataXmlEncryptor"/> (<c>Users:EncryptionKey</c>). The table comes from migration 402,
    /// applied at start-up like the silos do.
    /// </summary>
    public static IServiceCollection UsePostgresDataProtection(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(sp => new SensitiveDataProtector(
            sp.GetRequiredService<IConfiguration>()[SensitiveDataProtector.EncryptionKeySetting], sp.GetRequiredService<ILogger<SensitiveDataProtector>>()));
        services.AddSingleton(new DataProtectionKeyDatabase(NpgsqlDataSource.Create(connectionString)));
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeyDatabase, SensitiveDataProtector>((options, database, protector) =>
        {
            options.XmlRepository = new PostgresXmlRepository(database.DataSource);
            options.XmlEncryptor = new SensitiveDataXmlEncryptor(protector);
        });
        return services;
    }
}

/// <summary>The key ring's connection pool, disposed with the host.</summary>
internal sealed class DataProtectionKeyDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
