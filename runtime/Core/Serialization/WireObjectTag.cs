namespace Commerce.Runtime.Serialization;

/// <summary>
/// The one-byte tag in front of a value whose declared type is <see cref="object"/> (request
/// context values, <c>object</c> arguments): common runtime types keep their type across the wire,
/// anything else travels as JSON and arrives as a <see cref="System.Text.Json.JsonElement"/>.
/// </summary>
internal enum WireObjectTag : byte
{
    Null = 0,
    String = 1,
    Int32 = 2,
    Int64 = 3,
    Boolean = 4,
    Double = 5,
    Guid = 6,
    Decimal = 7,
    DateTime = 8,
    DateTimeOffset = 9,
    TimeSpan = 10,
    GrainId = 11,
    Bytes = 12,
    Json = 13,
}
