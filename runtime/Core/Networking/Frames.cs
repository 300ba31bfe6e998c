using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.Networking;

/// <summary>
/// The framing: <c>[uint32 little-endian length of the rest][byte kind][payload]</c>. A length of
/// zero or above the limit, or an unknown kind, is a <see cref="ProtocolViolationException"/>,
/// raised as soon as the header is in, without waiting for the payload.
/// </summary>
internal static class Frames
{
    public const int LengthSize = sizeof(uint);

    public const int HeaderSize = LengthSize + 1;

    /// <summary>Starts a frame in <paramref name="writer"/>; returns where it starts, for <see cref="End"/>.</summary>
    public static int Begin(WireArgumentWriter writer, FrameKind kind)
    {
        var start = writer.WrittenCount;
        writer.WriteFixedInt32(0);
        writer.WriteByte((byte)kind);
        return start;
    }

    /// <summary>Writes the length of the frame begun at <paramref name="start"/>; throws if it exceeds <paramref name="maxFrameSize"/>.</summary>
    public static void End(WireArgumentWriter writer, int start, int maxFrameSize)
    {
        var length = writer.WrittenCount - start - LengthSize;
        if (length > maxFrameSize)
            throw new InvalidOperationException($"The message is {length} bytes, over the {maxFrameSize}-byte frame limit (NetworkingOptions.MaxFrameSize).");
        writer.PatchFixedUInt32(start, (uint)length);
    }

    /// <summary>Takes the first complete frame off <paramref name="buffer"/>; false when it is not all there yet.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out FrameKind kind, out ReadOnlySequence<byte> payload)
    {
        kind = default;
        payload = default;
        if (buffer.Length < LengthSize) return false;

        Span<byte> scratch = stackalloc byte[HeaderSize];
        scoped ReadOnlySpan<byte> header = buffer.FirstSpan;
        if (header.Length < HeaderSize)
        {
            var available = (int)Math.Min(buffer.Length, HeaderSize);
            buffer.Slice(0, available).CopyTo(scratch);
            header = scratch[..available];
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length == 0) throw new ProtocolViolationException("A frame has length 0 (no kind byte).");
        if (length > (uint)maxFrameSize) throw new ProtocolViolationException($"A frame of {length} bytes exceeds the {maxFrameSize}-byte limit.");
        if (header.Length < HeaderSize) return false;

        kind = (FrameKind)header[LengthSize];
        if (kind is < FrameKind.Hello or > FrameKind.Pong) throw new ProtocolViolationException($"Unknown frame kind {(byte)kind}.");
        if (buffer.Length - LengthSize < length) return false;

        payload = buffer.Slice(HeaderSize, length - 1);
        buffer = buffer.Slice(LengthSize + length);
        return true;
    }
}
