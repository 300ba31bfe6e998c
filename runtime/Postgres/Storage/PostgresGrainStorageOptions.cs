using System.Text.Json;

namespace Commerce.Runtime.Postgres;

/// <summary>Settings of <see cref="PostgresGrainStorage"/>.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>
    /// The Npgsql connection string the storage's data source is built from when registered with
    /// <see cref="PostgresGrainStorageServiceCollectionExtensions.AddPostgresGrainStorage(Microsoft.Extensions.DependencyInjection.IServiceCollection, string, Action{PostgresGrainStorageOptions})"/>.
    /// Default: none; it must be set. Ignored when the storage is constructed over an existing data source.
    /// </summary>
    /// <remarks>
    /// Adding <c>Max Auto Prepare=20;Auto Prepare Min Usages=2</c> lets Npgsql prepare the storage's
    /// few statements once per connection instead of parsing them on every call.
    /// </remarks>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How state is serialized into the JSONB payload. Default: <see cref="JsonSerializerDefaults.Web"/>
    /// (camelCase property names, case-insensitive reads), so stored state reads naturally in SQL
    /// (<c>payload->>'status'</c>) and survives a property's casing being changed. Dictionary keys are
    /// stored as written. Changing this for existing data must keep old payloads readable.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);
}
