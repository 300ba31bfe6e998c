using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>The JSON shape of callback bodies: camelCase, enums as strings, as payment providers send them.</summary>
public static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
