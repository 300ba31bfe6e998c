using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Commerce.Runtime.Storage;

namespace Commerce.Runtime.Serialization;

/// <summary>
/// How values of a type the writer and reader do not handle inline cross the wire: enums as their
/// underlying integer, <see cref="Nullable{T}"/> as a presence byte and the value, grain references as
/// their <see cref="GrainId"/>, anything else as JSON with <see cref="GrainStateJson.DefaultOptions"/>.
/// Decided once per type; the reflection here runs once per type, never per message.
/// </summary>
internal static class WireCodec<T>
{
    public static readonly Action<WireArgumentWriter, T> Write;

    public static readonly Func<WireArgumentReader, T> Read;

    static WireCodec()
    {
        var type = typeof(T);
        if (type.IsEnum)
        {
            Write = WriteEnum;
            Read = ReadEnum;
        }
        else if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            var codec = typeof(NullableWireCodec<>).MakeGenericType(underlying);
            Write = codec.GetMethod(nameof(NullableWireCodec<int>.Write))!.CreateDelegate<Action<WireArgumentWriter, T>>();
            Read = codec.GetMethod(nameof(NullableWireCodec<int>.Read))!.CreateDelegate<Func<WireArgumentReader, T>>();
        }
        else if (GrainReferenceWireCodec.IsGrainInterface(type))
        {
            var codec = typeof(GrainReferenceWireCodec<>).MakeGenericType(type);
            Write = codec.GetMethod(nameof(GrainReferenceWireCodec<IAddressable>.Write))!.CreateDelegate<Action<WireArgumentWriter, T>>();
            Read = codec.GetMethod(nameof(GrainReferenceWireCodec<IAddressable>.Read))!.CreateDelegate<Func<WireArgumentReader, T>>();
        }
        else if (GrainReferenceWireCodec.IsUntypedReference(type))
        {
            Write = static (writer, value) => GrainReferenceWireCodec.WriteUntyped(writer, (IAddressable?)value);
            Read = static reader => (T)GrainReferenceWireCodec.ReadUntyped(reader)!;
        }
        else if (typeof(IAddressable).IsAssignableFrom(type))
        {
            Write = static (_, _) => throw new NotSupportedException($"{typeof(T)} cannot cross the wire: declare grain references by their grain interface.");
            Read = static _ => throw new NotSupportedException($"{typeof(T)} cannot cross the wire: declare grain references by their grain interface.");
        }
        else
        {
            Write = static (writer, value) => writer.WriteJson(value, JsonTypeInfo);
            Read = static reader => reader.ReadJson(JsonTypeInfo);
        }
    }

    /// <summary>The JSON contract of <typeparamref name="T"/>, resolved once.</summary>
    public static JsonTypeInfo<T> JsonTypeInfo => JsonContract.Info;

    private static void WriteEnum(WireArgumentWriter writer, T value)
    {
        if (Unsafe.SizeOf<T>() == sizeof(byte)) writer.WriteByte(Unsafe.As<T, byte>(ref value));
        else if (Unsafe.SizeOf<T>() == sizeof(short)) writer.WriteInt32(Unsafe.As<T, short>(ref value));
        else if (Unsafe.SizeOf<T>() == sizeof(int)) writer.WriteInt32(Unsafe.As<T, int>(ref value));
        else writer.WriteInt64(Unsafe.As<T, long>(ref value));
    }

    private static T ReadEnum(WireArgumentReader reader)
    {
        if (Unsafe.SizeOf<T>() == sizeof(byte))
        {
            var value = reader.ReadByte();
            return Unsafe.As<byte, T>(ref value);
        }

        if (Unsafe.SizeOf<T>() == sizeof(short))
        {
            var value = reader.ReadInt16();
            return Unsafe.As<short, T>(ref value);
        }

        if (Unsafe.SizeOf<T>() == sizeof(int))
        {
            var value = reader.ReadInt32();
            return Unsafe.As<int, T>(ref value);
        }

        var wide = reader.ReadInt64();
        return Unsafe.As<long, T>(ref wide);
    }

    /// <summary>Resolved on first use only, so types that never travel as JSON never build a contract.</summary>
    private static class JsonContract
    {
        public static readonly JsonTypeInfo<T> Info = (JsonTypeInfo<T>)WireJson.Options.GetTypeInfo(typeof(T));
    }
}

/// <summary>The JSON settings of the wire: those of stored grain state, so a value reads the same in both places.</summary>
internal static class WireJson
{
    /// <summary>
    /// A copy of <see cref="GrainStateJson.DefaultOptions"/> with a contract resolver (reflection-based
    /// unless one is configured there), which resolving contracts up front requires.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(GrainStateJson.DefaultOptions)
    {
        TypeInfoResolver = GrainStateJson.DefaultOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver(),
    };
}

/// <summary>A presence byte (0 or 1), then the value.</summary>
internal static class NullableWireCodec<TValue>
    where TValue : struct
{
    public static void Write(WireArgumentWriter writer, TValue? value)
    {
        if (value is { } present)
        {
            writer.WriteByte(1);
            writer.Write(present);
        }
        else
        {
            writer.WriteByte(0);
        }
    }

    public static TValue? Read(WireArgumentReader reader) => reader.ReadBoolean() ? reader.Read<TValue>() : null;
}

/// <summary>A reference declared by its grain interface: its <see cref="GrainId"/>, recreated with <see cref="IGrainFactory.GetGrain{T}(GrainId)"/>.</summary>
internal static class GrainReferenceWireCodec<TInterface>
    where TInterface : IAddressable
{
    public static void Write(WireArgumentWriter writer, TInterface? value) =>
        writer.WriteGrainId(value is null ? default : value.GetGrainId());

    public static TInterface? Read(WireArgumentReader reader)
    {
        var grainId = reader.ReadGrainId();
        if (grainId.IsDefault) return default;
        var factory = reader.GrainFactory ?? throw new InvalidOperationException("This reader has no grain factory to recreate grain references with.");
        return factory.GetGrain<TInterface>(grainId);
    }
}
