using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Commerce.Api.Security;

/// <summary>
/// The Data Protection key ring in PostgreSQL (table <c>data_protection_keys</c>, migration 402), so every
/// API host sharing the database protects and reads bearer tokens with the same keys, and keys survive
/// replaced containers. Elements are only ever added; a repeated friendly name is ignored.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous; Data Protection calls it rarely (key ring refresh,
/// key creation), so blocking database calls are acceptable here.
/// </remarks>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const string SelectSql = "SELECT xml FROM data_protection_keys ORDER BY id";

    private const string InsertSql = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        using var command = dataSource.CreateCommand(SelectSql);
        using var reader = command.ExecuteReader();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.IsNullOrEmpty(friendlyName) ? $"element-{Guid.NewGuid():N}" : friendlyName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
