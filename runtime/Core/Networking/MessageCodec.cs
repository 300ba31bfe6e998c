using System.Collections.Immutable;
using System.Diagnostics;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.Networking;

/// <summary>
/// The payloads of request and response frames.
/// Request: correlation id, target <see cref="GrainId"/>, sender <see cref="GrainId"/> (default when
/// none), interface wire id (fixed int32), method id, options byte, the caller's remaining timeout in
/// ms (0 = none), hop count, request context (count, then key and tagged value), the arguments.
/// Response: correlation id, status, then the result or the exception (<see cref="WireExceptionCodec"/>).
/// </summary>
internal static class MessageCodec
{
    public const byte StatusOk = 0;
    public const byte StatusException = 1;

    /// <summary>The envelope of <paramref name="request"/> as it leaves at <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static RequestEnvelope EnvelopeOf(Request request, long correlationId, int interfaceId, int hopCount, long now) => new(
        correlationId,
        request.TargetId,
        request.SenderId,
        interfaceId,
        request.MethodId,
        request.Options,
        RemainingMilliseconds(request.Deadline, now),
        hopCount,
        request.ContextData);

    public static void WriteRequest(WireArgumentWriter writer, in RequestEnvelope envelope, Request request)
    {
        writer.WriteVarUInt64((ulong)envelope.CorrelationId);
        writer.WriteGrainId(envelope.TargetId);
        writer.WriteGrainId(envelope.SenderId);
        writer.WriteFixedInt32(envelope.InterfaceId);
        writer.WriteVarUInt64((uint)envelope.MethodId);
        writer.WriteByte((byte)envelope.Options);
        writer.WriteVarUInt64(envelope.TimeoutMilliseconds);
        writer.WriteVarUInt64((uint)envelope.HopCount);
        WriteContext(writer, envelope.Context);
        request.WriteArguments(writer);
    }

    /// <summary>The header of a request frame; a <see cref="WireFormatException"/> here means the frame is garbage.</summary>
    public static RequestEnvelope ReadRequestEnvelope(WireArgumentReader reader) => new(
        CorrelationId: (long)reader.ReadVarUInt64(),
        TargetId: reader.ReadGrainId(),
        SenderId: reader.ReadGrainId(),
        InterfaceId: reader.ReadFixedInt32(),
        MethodId: (int)reader.ReadVarUInt32(),
        Options: (RequestOptions)reader.ReadByte(),
        TimeoutMilliseconds: reader.ReadVarUInt32(),
        HopCount: (int)reader.ReadVarUInt32(),
        Context: ReadContext(reader));

    /// <summary>
    /// Fills a request created for <paramref name="envelope"/> with its envelope and its arguments; its
    /// deadline is the caller's remaining timeout from <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp).
    /// </summary>
    public static void ReadRequestBody(WireArgumentReader reader, Request request, in RequestEnvelope envelope, long now)
    {
        request.TargetId = envelope.TargetId;
        request.SenderId = envelope.SenderId;
        request.ContextData = envelope.Context;
        request.ReadArguments(reader);
        if (reader.Remaining != 0) throw new WireFormatException($"{reader.Remaining} bytes follow the arguments of {request}.");
        if (envelope.TimeoutMilliseconds != 0)
            request.Deadline = now + (long)envelope.TimeoutMilliseconds * Stopwatch.Frequency / 1000;
    }

    public static void WriteResponseHeader(WireArgumentWriter writer, long correlationId, byte status)
    {
        writer.WriteVarUInt64((ulong)correlationId);
        writer.WriteByte(status);
    }

    /// <summary>What is left of the caller's wait, rounded up so that a live deadline never reads as "none".</summary>
    private static uint RemainingMilliseconds(long deadline, long now)
    {
        if (deadline == 0) return 0;
        var remaining = deadline - now;
        if (remaining <= 0) return 1;
        return (uint)Math.Min((remaining * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency, uint.MaxValue);
    }

    private static void WriteContext(WireArgumentWriter writer, RequestContextData? context)
    {
        if (context is null || context.Values.IsEmpty)
        {
            writer.WriteByte(0);
            return;
        }

        writer.WriteVarUInt64((uint)context.Values.Count);
        foreach (var (key, value) in context.Values)
        {
            writer.WriteString(key);
            writer.WriteObject(value);
        }
    }

    private static RequestContextData? ReadContext(WireArgumentReader reader)
    {
        var count = reader.ReadVarUInt32();
        if (count == 0) return null;

        // Every entry takes at least two bytes, so a count beyond that is garbage, not a reason to allocate.
        if (count > (uint)reader.Remaining / 2) throw new WireFormatException($"A request context of {count} entries does not fit in its frame.");
        var values = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString() ?? throw new WireFormatException("A request context key is null.");
            if (reader.ReadObject() is { } value) values[key] = value;
        }

        return values.Count == 0 ? null : new RequestContextData(values.ToImmutable());
    }
}
