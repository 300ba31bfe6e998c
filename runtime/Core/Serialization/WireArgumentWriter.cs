using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Commerce.Runtime.Serialization;

/// <summary>
/// Writes values in the wire format into a pooled buffer it owns and grows: compact binary for
/// primitives, strings, identities and grain references, length-prefixed JSON for everything else.
/// <see cref="Write{T}"/> dispatches on <c>typeof(T)</c>, so for a value type the JIT keeps only the
/// branch that applies and nothing is boxed. A connection reuses one instance for all its messages
/// (<see cref="Reset"/>); an instance is not thread-safe.
/// </summary>
/// <remarks>
/// Format: signed integers are zig-zag varints, unsigned ones varints; <c>float</c>/<c>double</c> and
/// the parts of <c>decimal</c> are little-endian fixed width; a string or <c>byte[]</c> is a varint of
/// (length + 1) and its UTF-8 bytes, 0 meaning null; a <see cref="GrainId"/> is its type and key
/// strings (a null type for the default id); JSON is a fixed 4-byte length and the UTF-8 text.
/// </remarks>
public sealed class WireArgumentWriter : IArgumentWriter, IBufferWriter<byte>, IDisposable
{
    /// <summary>Enough for a small request without growing.</summary>
    private const int DefaultInitialCapacity = 512;

    /// <summary>A buffer one big message grew beyond this is given back on <see cref="Reset"/>, so it does not stay pinned to the connection.</summary>
    private const int RetainedCapacity = 64 * 1024;

    private const int MaxVarInt64Length = 10;

    /// <summary>Strings this short encode to at most 126 UTF-8 bytes (3 per char), so their length prefix is one byte and known before encoding.</summary>
    private const int ShortStringMaxChars = 42;

    private byte[] _buffer;
    private int _position;
    private Utf8JsonWriter? _json;

    public WireArgumentWriter()
        : this(DefaultInitialCapacity)
    {
    }

    public WireArgumentWriter(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));

    /// <summary>Bytes written since the last <see cref="Reset"/>.</summary>
    public int WrittenCount => _position;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>Empties the buffer for the next message.</summary>
    public void Reset()
    {
        _position = 0;
        if (_buffer.Length <= RetainedCapacity) return;
        var large = _buffer;
        _buffer = ArrayPool<byte>.Shared.Rent(DefaultInitialCapacity);
        ArrayPool<byte>.Shared.Return(large);
    }

    /// <summary>Drops what was written after <paramref name="position"/> (a message whose encoding failed half-way).</summary>
    internal void Truncate(int position)
    {
        if ((uint)position > (uint)_position) throw new ArgumentOutOfRangeException(nameof(position));
        _position = position;
    }

    public void Write<T>(T value)
    {
        if (typeof(T) == typeof(int)) WriteInt32(Unsafe.As<T, int>(ref value));
        else if (typeof(T) == typeof(string)) WriteString(Unsafe.As<T, string?>(ref value));
        else if (typeof(T) == typeof(long)) WriteInt64(Unsafe.As<T, long>(ref value));
        else if (typeof(T) == typeof(bool)) WriteByte(Unsafe.As<T, bool>(ref value) ? (byte)1 : (byte)0);
        else if (typeof(T) == typeof(VoidResult))
        {
            // The result of a void method: nothing to carry.
        }
        else if (typeof(T) == typeof(GrainId)) WriteGrainId(Unsafe.As<T, GrainId>(ref value));
        else if (typeof(T) == typeof(Guid)) WriteGuid(Unsafe.As<T, Guid>(ref value));
        else if (typeof(T) == typeof(double)) WriteDouble(Unsafe.As<T, double>(ref value));
        else if (typeof(T) == typeof(float)) WriteSingle(Unsafe.As<T, float>(ref value));
        else if (typeof(T) == typeof(decimal)) WriteDecimal(Unsafe.As<T, decimal>(ref value));
        else if (typeof(T) == typeof(DateTime)) WriteDateTime(Unsafe.As<T, DateTime>(ref value));
        else if (typeof(T) == typeof(DateTimeOffset)) WriteDateTimeOffset(Unsafe.As<T, DateTimeOffset>(ref value));
        else if (typeof(T) == typeof(TimeSpan)) WriteInt64(Unsafe.As<T, TimeSpan>(ref value).Ticks);
        else if (typeof(T) == typeof(byte)) WriteByte(Unsafe.As<T, byte>(ref value));
        else if (typeof(T) == typeof(sbyte)) WriteByte((byte)Unsafe.As<T, sbyte>(ref value));
        else if (typeof(T) == typeof(short)) WriteInt32(Unsafe.As<T, short>(ref value));
        else if (typeof(T) == typeof(ushort)) WriteVarUInt64(Unsafe.As<T, ushort>(ref value));
        else if (typeof(T) == typeof(char)) WriteVarUInt64(Unsafe.As<T, char>(ref value));
        else if (typeof(T) == typeof(uint)) WriteVarUInt64(Unsafe.As<T, uint>(ref value));
        else if (typeof(T) == typeof(ulong)) WriteVarUInt64(Unsafe.As<T, ulong>(ref value));
        else if (typeof(T) == typeof(byte[])) WriteBytes(Unsafe.As<T, byte[]?>(ref value));
        else if (typeof(T) == typeof(object)) WriteObject(value);
        else WireCodec<T>.Write(this, value);
    }

    public void WriteByte(byte value)
    {
        if (_position == _buffer.Length) Grow(1);
        _buffer[_position++] = value;
    }

    public void WriteVarUInt64(ulong value)
    {
        if (_buffer.Length - _position < MaxVarInt64Length) Grow(MaxVarInt64Length);
        var buffer = _buffer;
        var position = _position;
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        _position = position;
    }

    /// <summary>A zig-zag varint: small magnitudes of either sign take one byte.</summary>
    public void WriteInt32(int value) => WriteVarUInt64((uint)((value << 1) ^ (value >> 31)));

    /// <inheritdoc cref="WriteInt32"/>
    public void WriteInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteFixedInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(sizeof(int)), value);
        _position += sizeof(int);
    }

    public void WriteFixedInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(sizeof(long)), value);
        _position += sizeof(long);
    }

    public void WriteDouble(double value) => WriteFixedInt64(BitConverter.DoubleToInt64Bits(value));

    public void WriteSingle(float value) => WriteFixedInt32(BitConverter.SingleToInt32Bits(value));

    public void WriteDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        for (var i = 0; i < bits.Length; i++) WriteFixedInt32(bits[i]);
    }

    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(Reserve(16));
        _position += 16;
    }

    /// <summary>Ticks with the kind, as <see cref="DateTime.ToBinary"/> keeps them.</summary>
    public void WriteDateTime(DateTime value) => WriteFixedInt64(value.ToBinary());

    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        WriteFixedInt64(value.Ticks);
        WriteInt32(value.TotalOffsetMinutes);
    }

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        if (value.Length <= ShortStringMaxChars)
        {
            var room = Reserve(1 + value.Length * 3);
            var written = Encoding.UTF8.GetBytes(value, room[1..]);
            room[0] = (byte)(written + 1);
            _position += 1 + written;
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)byteCount + 1);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
        _position += byteCount;
    }

    public void WriteBytes(byte[]? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        WriteVarUInt64((ulong)value.Length + 1);
        WriteRaw(value);
    }

    /// <summary>Bytes with no length in front: the reader must know how many to take.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _position += bytes.Length;
    }

    public void WriteGrainId(GrainId grainId)
    {
        if (grainId.IsDefault)
        {
            WriteByte(0);
            return;
        }

        WriteString(grainId.Type.Value);
        WriteString(grainId.Key);
    }

    /// <summary>A value declared as <see cref="object"/>: a type tag, then the value (see <see cref="WireObjectTag"/>).</summary>
    internal void WriteObject(object? value)
    {
        switch (value)
        {
            case null:
                WriteByte((byte)WireObjectTag.Null);
                break;
            case string text:
                WriteByte((byte)WireObjectTag.String);
                WriteString(text);
                break;
            case int number:
                WriteByte((byte)WireObjectTag.Int32);
                WriteInt32(number);
                break;
            case long number:
                WriteByte((byte)WireObjectTag.Int64);
                WriteInt64(number);
                break;
            case bool flag:
                WriteByte((byte)WireObjectTag.Boolean);
                WriteByte(flag ? (byte)1 : (byte)0);
                break;
            case double number:
                WriteByte((byte)WireObjectTag.Double);
                WriteDouble(number);
                break;
            case Guid guid:
                WriteByte((byte)WireObjectTag.Guid);
                WriteGuid(guid);
                break;
            case decimal number:
                WriteByte((byte)WireObjectTag.Decimal);
                WriteDecimal(number);
                break;
            case DateTime time:
                WriteByte((byte)WireObjectTag.DateTime);
                WriteDateTime(time);
                break;
            case DateTimeOffset time:
                WriteByte((byte)WireObjectTag.DateTimeOffset);
                WriteDateTimeOffset(time);
                break;
            case TimeSpan span:
                WriteByte((byte)WireObjectTag.TimeSpan);
                WriteInt64(span.Ticks);
                break;
            case GrainId grainId:
                WriteByte((byte)WireObjectTag.GrainId);
                WriteGrainId(grainId);
                break;
            case byte[] bytes:
                WriteByte((byte)WireObjectTag.Bytes);
                WriteBytes(bytes);
                break;
            default:
                WriteByte((byte)WireObjectTag.Json);
                WriteJson(value, WireCodec<object>.JsonTypeInfo);
                break;
        }
    }

    /// <summary>A fixed 4-byte length, then <paramref name="value"/> as JSON written straight into this buffer.</summary>
    internal void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var lengthAt = _position;
        Reserve(sizeof(int));
        _position += sizeof(int);
        var json = _json ??= new Utf8JsonWriter(this);
        try
        {
            JsonSerializer.Serialize(json, value, typeInfo);
            json.Flush();
        }
        finally
        {
            json.Reset();
        }

        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(lengthAt), _position - lengthAt - sizeof(int));
    }

    /// <summary>Overwrites 4 bytes written earlier, e.g. a frame's length once its payload is known.</summary>
    internal void PatchFixedUInt32(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(offset, sizeof(uint)), value);

    void IBufferWriter<byte>.Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position)) throw new ArgumentOutOfRangeException(nameof(count));
        _position += count;
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        Reserve(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_position);
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint)
    {
        Reserve(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_position);
    }

    public void Dispose()
    {
        _json?.Dispose();
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>The next <paramref name="count"/> bytes of the buffer, growing it if needed; the caller advances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _position < count) Grow(count);
        return _buffer.AsSpan(_position, count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        var required = (long)_position + count;
        if (required > Array.MaxLength) throw new InvalidOperationException($"A message cannot exceed {Array.MaxLength} bytes.");
        var size = (int)Math.Min(Math.Max(required, 2L * _buffer.Length), Array.MaxLength);
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _position).CopyTo(larger);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
