using System.Buffers;
using System.Buffers.Binary;

namespace Commerce.Bench.Cluster;

/// <summary>
/// The echo baseline's wire format: a request or response is <c>[int32 body length][int64 correlation id][int32 value]</c>,
/// little-endian; the server sends each request back unchanged as its response. The least a multiplexed
/// request/response transport carries: a length prefix and a correlation id.
/// </summary>
internal static class EchoFrames
{
    public const int BodySize = sizeof(long) + sizeof(int);

    public const int FrameSize = sizeof(int) + BodySize;

    /// <summary>Socket buffer sizes of both ends: large enough that one read or flush carries a whole batch of frames.</summary>
    public const int BufferSize = 64 * 1024;

    public static void Write(IBufferWriter<byte> output, long id, int value)
    {
        var span = output.GetSpan(FrameSize);
        BinaryPrimitives.WriteInt32LittleEndian(span, BodySize);
        BinaryPrimitives.WriteInt64LittleEndian(span[sizeof(int)..], id);
        BinaryPrimitives.WriteInt32LittleEndian(span[(sizeof(int) + sizeof(long))..], value);
        output.Advance(FrameSize);
    }

    /// <summary>Reads one whole frame from the front of <paramref name="buffer"/>, if there is one, and moves past it.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out long id, out int value)
    {
        id = 0;
        value = 0;
        if (buffer.Length < FrameSize) return false;
        Span<byte> frame = stackalloc byte[FrameSize];
        buffer.Slice(0, FrameSize).CopyTo(frame);
        if (BinaryPrimitives.ReadInt32LittleEndian(frame) != BodySize) throw new InvalidDataException("Not an echo frame.");
        id = BinaryPrimitives.ReadInt64LittleEndian(frame[sizeof(int)..]);
        value = BinaryPrimitives.ReadInt32LittleEndian(frame[(sizeof(int) + sizeof(long))..]);
        buffer = buffer.Slice(FrameSize);
        return true;
    }
}
