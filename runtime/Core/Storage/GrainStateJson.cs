using System.Text.Json;

namespace Commerce.Runtime.Storage;

/// <summary>The JSON form grain state is stored in, shared by the storage providers so they agree on it.</summary>
public static class GrainStateJson
{
    /// <summary>Web defaults (camelCase, case-insensitive reads): the same JSON admins see in the database.</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = new(JsonSerializerDefaults.Web) { IncludeFields = true };
}
