using System.Text.Json;
using Orleans.Serialization.TypeSystem;

namespace Commerce.Postgres.Streams;

/// <summary>
/// Turns an application event into the log's row and back: <c>payload</c> is the event as JSON
/// (<see cref="PostgresStreamProviderOptions.JsonSerializerOptions"/>) and <c>event_type</c> is its
/// Orleans type name (<see cref="TypeConverter"/>: the <c>[Alias]</c> when the type has one, e.g.
/// <c>commerce.BehaviourEvent</c>, else its full name and assembly: give stream event types an alias,
/// or renaming the type or its assembly makes the rows already stored unreadable, and they go to the
/// dead letters when read). JSON rather than Orleans' binary
/// format because the log is also read by people and by SQL (the recommender's training data), and
/// the <c>json</c> column costs about 2 µs of server CPU per append more than <c>bytea</c>
/// (<c>004_streams.sql</c>). Parsing the type through Orleans' type converter applies its allow-list:
/// only types Orleans would deserialize are instantiated from a row.
/// </summary>
internal sealed class StreamEventSerializer(TypeConverter typeConverter, JsonSerializerOptions jsonOptions)
{
    /// <summary>The row of <paramref name="item"/>, typed by its runtime type.</summary>
    /// <exception cref="ArgumentException">The event is null: the log has no row for "nothing".</exception>
    public StreamEventData Serialize(object? item)
    {
        if (item is null) throw new ArgumentException("The PostgreSQL stream provider cannot produce a null event.", nameof(item));
        var type = item.GetType();
        return new StreamEventData(typeConverter.Format(type), JsonSerializer.SerializeToUtf8Bytes(item, type, jsonOptions));
    }

    /// <summary>The event a row holds.</summary>
    /// <exception cref="Exception">The type is unknown or not allowed here, or the JSON does not fit it (the caller dead-letters the row).</exception>
    public object Deserialize(string eventType, ReadOnlyMemory<byte> payload)
    {
        var type = typeConverter.Parse(eventType);
        return JsonSerializer.Deserialize(payload.Span, type, jsonOptions)
            ?? throw new JsonException($"The payload of an event of type {eventType} is JSON null.");
    }
}
