using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Commerce.Runtime.Registry;

namespace Commerce.Runtime.Serialization;

/// <summary>
/// Reads what a <see cref="WireArgumentWriter"/> wrote, from one message's bytes at a time
/// (<see cref="Reset(ReadOnlyMemory{byte})"/>). Anything truncated, out of range or of the wrong
/// shape throws <see cref="WireFormatException"/>. Grain references are recreated through the
/// <see cref="IGrainFactory"/> given at construction. A connection reuses one instance for all its
/// messages; an instance is not thread-safe.
/// </summary>
public sealed class WireArgumentReader : IArgumentReader, IDisposable
{
    /// <summary>Grain type names seen on this reader are kept so that decoding an id does not allocate its type again; bounded against a peer that invents names.</summary>
    private const int MaxCachedGrainTypes = 1024;

    /// <summary>A multi-segment message is copied into a buffer kept for the next one, unless it grew beyond this.</summary>
    private const int RetainedCopyCapacity = 64 * 1024;

    private const int StackallocCharLimit = 256;

    /// <summary>Slots of the direct-mapped cache in front of the dictionary; a power of two.</summary>
    private const int RecentGrainTypeSlots = 64;

    private readonly Dictionary<string, GrainType> _grainTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrainType>.AlternateLookup<ReadOnlySpan<char>> _grainTypesBySpan;

    /// <summary>
    /// Grain types by their UTF-8 bytes, first come first kept per slot: a hit costs a short hash and a
    /// byte compare instead of decoding the name and hashing it as a string. Collisions fall through to
    /// <see cref="_grainTypes"/>.
    /// </summary>
    private readonly RecentGrainType[] _recentGrainTypes = new RecentGrainType[RecentGrainTypeSlots];
    private byte[] _data = [];
    private int _position;
    private int _end;
    private byte[]? _copy;

    /// <param name="grainFactory">Recreates grain references; reading one without it fails.</param>
    /// <param name="registry">Resolves the interface of a reference declared as <see cref="GrainReference"/> or <see cref="IAddressable"/>.</param>
    public WireArgumentReader(IGrainFactory? grainFactory = null, GrainTypeRegistry? registry = null)
    {
        GrainFactory = grainFactory;
        Registry = registry;
        _grainTypesBySpan = _grainTypes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IGrainFactory? GrainFactory { get; }

    public GrainTypeRegistry? Registry { get; }

    /// <summary>Bytes of the current message not read yet.</summary>
    public int Remaining => _end - _position;

    /// <summary>Reads from <paramref name="message"/>, without copying it when it is backed by an array.</summary>
    public void Reset(ReadOnlyMemory<byte> message)
    {
        if (MemoryMarshal.TryGetArray(message, out var segment))
        {
            _data = segment.Array!;
            _position = segment.Offset;
            _end = segment.Offset + segment.Count;
            ReleaseLargeCopy();
            return;
        }

        CopyFrom(new ReadOnlySequence<byte>(message));
    }

    /// <summary>Reads from <paramref name="message"/>, copying it only when it spans several buffer segments.</summary>
    public void Reset(in ReadOnlySequence<byte> message)
    {
        if (message.IsSingleSegment) Reset(message.First);
        else CopyFrom(message);
    }

    public T Read<T>()
    {
        if (typeof(T) == typeof(int))
        {
            var value = ReadInt32();
            return Unsafe.As<int, T>(ref value);
        }

        if (typeof(T) == typeof(string))
        {
            var value = ReadString();
            return Unsafe.As<string?, T>(ref value);
        }

        if (typeof(T) == typeof(long))
        {
            var value = ReadInt64();
            return Unsafe.As<long, T>(ref value);
        }

        if (typeof(T) == typeof(bool))
        {
            var value = ReadBoolean();
            return Unsafe.As<bool, T>(ref value);
        }

        if (typeof(T) == typeof(VoidResult)) return default!;

        if (typeof(T) == typeof(GrainId))
        {
            var value = ReadGrainId();
            return Unsafe.As<GrainId, T>(ref value);
        }

        if (typeof(T) == typeof(Guid))
        {
            var value = ReadGuid();
            return Unsafe.As<Guid, T>(ref value);
        }

        if (typeof(T) == typeof(double))
        {
            var value = ReadDouble();
            return Unsafe.As<double, T>(ref value);
        }

        if (typeof(T) == typeof(float))
        {
            var value = BitConverter.Int32BitsToSingle(ReadFixedInt32());
            return Unsafe.As<float, T>(ref value);
        }

        if (typeof(T) == typeof(decimal))
        {
            var value = ReadDecimal();
            return Unsafe.As<decimal, T>(ref value);
        }

        if (typeof(T) == typeof(DateTime))
        {
            var value = ReadDateTime();
            return Unsafe.As<DateTime, T>(ref value);
        }

        if (typeof(T) == typeof(DateTimeOffset))
        {
            var value = ReadDateTimeOffset();
            return Unsafe.As<DateTimeOffset, T>(ref value);
        }

        if (typeof(T) == typeof(TimeSpan))
        {
            var value = new TimeSpan(ReadInt64());
            return Unsafe.As<TimeSpan, T>(ref value);
        }

        if (typeof(T) == typeof(byte))
        {
            var value = ReadByte();
            return Unsafe.As<byte, T>(ref value);
        }

        if (typeof(T) == typeof(sbyte))
        {
            var value = (sbyte)ReadByte();
            return Unsafe.As<sbyte, T>(ref value);
        }

        if (typeof(T) == typeof(short))
        {
            var value = ReadInt16();
            return Unsafe.As<short, T>(ref value);
        }

        if (typeof(T) == typeof(ushort))
        {
            var value = (ushort)ReadVarUInt64Within(ushort.MaxValue);
            return Unsafe.As<ushort, T>(ref value);
        }

        if (typeof(T) == typeof(char))
        {
            var value = (char)ReadVarUInt64Within(char.MaxValue);
            return Unsafe.As<char, T>(ref value);
        }

        if (typeof(T) == typeof(uint))
        {
            var value = ReadVarUInt32();
            return Unsafe.As<uint, T>(ref value);
        }

        if (typeof(T) == typeof(ulong))
        {
            var value = ReadVarUInt64();
            return Unsafe.As<ulong, T>(ref value);
        }

        if (typeof(T) == typeof(byte[]))
        {
            var value = ReadBytes();
            return Unsafe.As<byte[]?, T>(ref value);
        }

        if (typeof(T) == typeof(object))
        {
            var value = ReadObject();
            return Unsafe.As<object?, T>(ref value);
        }

        return WireCodec<T>.Read(this);
    }

    public byte ReadByte()
    {
        if (_position >= _end) ThrowTruncated();
        return _data[_position++];
    }

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new WireFormatException($"{other} is not a boolean."),
    };

    public ulong ReadVarUInt64()
    {
        var data = _data;
        var position = _position;
        var end = _end;
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= end) ThrowTruncated();
            var next = data[position++];
            result |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                _position = position;
                return result;
            }
        }

        throw new WireFormatException("A variable-length integer is longer than 10 bytes.");
    }

    public uint ReadVarUInt32() => (uint)ReadVarUInt64Within(uint.MaxValue);

    public int ReadInt32()
    {
        var value = ReadVarUInt32();
        return (int)(value >> 1) ^ -(int)(value & 1);
    }

    public long ReadInt64()
    {
        var value = ReadVarUInt64();
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    public short ReadInt16()
    {
        var value = ReadInt32();
        return value is >= short.MinValue and <= short.MaxValue ? (short)value : throw new WireFormatException($"{value} is out of range for a 16-bit integer.");
    }

    public int ReadFixedInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadFixedInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadFixedInt64());

    public decimal ReadDecimal()
    {
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < bits.Length; i++) bits[i] = ReadFixedInt32();
        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException exception)
        {
            throw new WireFormatException("Malformed decimal.", exception);
        }
    }

    public Guid ReadGuid() => new(Take(16));

    public DateTime ReadDateTime()
    {
        var binary = ReadFixedInt64();
        try
        {
            return DateTime.FromBinary(binary);
        }
        catch (ArgumentException exception)
        {
            throw new WireFormatException("Malformed DateTime.", exception);
        }
    }

    public DateTimeOffset ReadDateTimeOffset()
    {
        var ticks = ReadFixedInt64();
        var offsetMinutes = ReadInt32();
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
        }
        catch (ArgumentException exception)
        {
            throw new WireFormatException("Malformed DateTimeOffset.", exception);
        }
    }

    public string? ReadString()
    {
        var lengthPlusOne = ReadVarUInt64();
        if (lengthPlusOne == 0) return null;
        var bytes = Take(LengthOf(lengthPlusOne));
        return bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    public byte[]? ReadBytes()
    {
        var lengthPlusOne = ReadVarUInt64();
        return lengthPlusOne == 0 ? null : Take(LengthOf(lengthPlusOne)).ToArray();
    }

    /// <summary>Exactly <paramref name="count"/> bytes, valid until the next <see cref="Reset(ReadOnlyMemory{byte})"/>.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count) => Take(count);

    public GrainId ReadGrainId()
    {
        var lengthPlusOne = ReadVarUInt64();
        if (lengthPlusOne == 0) return default;
        var type = ToGrainType(Take(LengthOf(lengthPlusOne)));
        var key = ReadString() ?? throw new WireFormatException("A grain id has no key.");
        return new GrainId(type, key);
    }

    /// <summary>A value written by <see cref="WireArgumentWriter.WriteObject"/>.</summary>
    internal object? ReadObject()
    {
        var tag = (WireObjectTag)ReadByte();
        return tag switch
        {
            WireObjectTag.Null => null,
            WireObjectTag.String => ReadString(),
            WireObjectTag.Int32 => ReadInt32(),
            WireObjectTag.Int64 => ReadInt64(),
            WireObjectTag.Boolean => ReadBoolean(),
            WireObjectTag.Double => ReadDouble(),
            WireObjectTag.Guid => ReadGuid(),
            WireObjectTag.Decimal => ReadDecimal(),
            WireObjectTag.DateTime => ReadDateTime(),
            WireObjectTag.DateTimeOffset => ReadDateTimeOffset(),
            WireObjectTag.TimeSpan => new TimeSpan(ReadInt64()),
            WireObjectTag.GrainId => ReadGrainId(),
            WireObjectTag.Bytes => ReadBytes(),
            WireObjectTag.Json => ReadJson(WireCodec<JsonElement>.JsonTypeInfo),
            _ => throw new WireFormatException($"Unknown object tag {(byte)tag}."),
        };
    }

    internal T ReadJson<T>(JsonTypeInfo<T> typeInfo)
    {
        var length = ReadFixedInt32();
        if (length < 0) throw new WireFormatException($"Negative JSON length {length}.");
        var json = Take(length);
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo)!;
        }
        catch (JsonException exception)
        {
            throw new WireFormatException($"Malformed JSON for {typeof(T).Name}: {exception.Message}", exception);
        }
    }

    public void Dispose()
    {
        if (_copy is not null) ArrayPool<byte>.Shared.Return(_copy);
        _copy = null;
        _data = [];
        _position = _end = 0;
    }

    private ulong ReadVarUInt64Within(ulong max)
    {
        var value = ReadVarUInt64();
        return value <= max ? value : throw new WireFormatException($"{value} is out of range (at most {max}).");
    }

    private int LengthOf(ulong lengthPlusOne)
    {
        var length = lengthPlusOne - 1;
        if (length > (ulong)Remaining) ThrowTruncated();
        return (int)length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_end - _position)) ThrowTruncated();
        var span = new ReadOnlySpan<byte>(_data, _position, count);
        _position += count;
        return span;
    }

    private GrainType ToGrainType(ReadOnlySpan<byte> utf8)
    {
        ref var recent = ref _recentGrainTypes[SlotOf(utf8)];
        if (recent.Utf8 is { } bytes && utf8.SequenceEqual(bytes)) return recent.Type;

        var chars = utf8.Length <= StackallocCharLimit ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var name = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (!_grainTypesBySpan.TryGetValue(name, out var type))
        {
            try
            {
                type = new GrainType(name.ToString());
            }
            catch (ArgumentException exception)
            {
                throw new WireFormatException("A grain id has an empty grain type.", exception);
            }

            if (_grainTypes.Count >= MaxCachedGrainTypes) return type;
            _grainTypes[type.Value] = type;
        }

        if (recent.Utf8 is null) recent = new RecentGrainType { Utf8 = utf8.ToArray(), Type = type };
        return type;
    }

    /// <summary>A cheap hash of a short name; only spreads names over the recent-type slots.</summary>
    private static int SlotOf(ReadOnlySpan<byte> utf8)
    {
        var hash = (uint)utf8.Length;
        foreach (var b in utf8) hash = (hash * 31) + b;
        return (int)((hash ^ (hash >> 15)) & (RecentGrainTypeSlots - 1));
    }

    private void CopyFrom(in ReadOnlySequence<byte> message)
    {
        if (message.Length > Array.MaxLength) throw new WireFormatException("The message is too large.");
        var length = (int)message.Length;
        if (_copy is null || _copy.Length < length)
        {
            if (_copy is not null) ArrayPool<byte>.Shared.Return(_copy);
            _copy = ArrayPool<byte>.Shared.Rent(length);
        }

        message.CopyTo(_copy);
        _data = _copy;
        _position = 0;
        _end = length;
    }

    private void ReleaseLargeCopy()
    {
        if (_copy is not { Length: > RetainedCopyCapacity }) return;
        ArrayPool<byte>.Shared.Return(_copy);
        _copy = null;
    }

    private struct RecentGrainType
    {
        public byte[]? Utf8;
        public GrainType Type;
    }

    [DoesNotReturn]
    private static void ThrowTruncated() => throw new WireFormatException("The message ends before the value it should hold.");
}
