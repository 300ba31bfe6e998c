using Orleans.Runtime;

namespace Commerce.Postgres.Streams;

/// <summary>One event of a batch handed to <see cref="PostgresStreamLog.AppendAsync(StreamId, IReadOnlyList{StreamEventData})"/>.</summary>
/// <param name="EventType">What happened, e.g. <c>item-viewed</c>; non-empty, no control characters.</param>
/// <param name="Utf8JsonPayload">The event as UTF-8 JSON. The log reads it when the batch is flushed, so the caller must not change it until the append completes.</param>
public readonly record struct StreamEventData(string EventType, ReadOnlyMemory<byte> Utf8JsonPayload);
