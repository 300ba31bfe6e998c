using System.Text.Json;
using Orleans.Storage;

namespace Commerce.Silo;

/// <summary>
/// Grain state at rest as System.Text.Json: readable in the database and by the tests that check what is stored
/// (encrypted fields stay ciphertext), and tolerant of added or removed properties across versions. Grain calls
/// still use Orleans' binary serializer.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    /// <summary>Web defaults (camelCase, case-insensitive reads) and fields, as the state classes were written for.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { IncludeFields = true };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)!;
}
