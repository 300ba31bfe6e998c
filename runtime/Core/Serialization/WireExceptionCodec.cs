using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Commerce.Runtime.Serialization;

/// <summary>
/// Carries a grain call's exception to its caller: type name, message, stack trace text, the
/// string-to-string entries of <see cref="Exception.Data"/> (how domain exceptions carry structured
/// details such as the offending field) and both ETags of an <see cref="InconsistentStateException"/>. The caller gets the same exception type when
/// it is loaded there and can be built from its message, otherwise a <see cref="RemoteGrainException"/>
/// naming the type; either way with the remote stack trace attached.
/// </summary>
internal static class WireExceptionCodec
{
    private const byte NoDetails = 0;
    private const byte InconsistentStateDetails = 1;

    /// <summary>Type names resolved so far; bounded, since the names come from other processes.</summary>
    private const int MaxCachedTypeNames = 1024;

    /// <summary>At most this many <see cref="Exception.Data"/> entries cross the wire; the rest are dropped.</summary>
    private const int MaxDataEntries = 16;

    private static readonly ConcurrentDictionary<string, Func<string, Exception>?> FactoriesByTypeName = new(StringComparer.Ordinal);

    public static void Write(WireArgumentWriter writer, Exception exception)
    {
        writer.WriteString(exception.GetType().FullName);
        writer.WriteString(exception.Message);
        writer.WriteString(exception.StackTrace);
        WriteData(writer, exception);
        if (exception is InconsistentStateException inconsistent)
        {
            writer.WriteByte(InconsistentStateDetails);
            writer.WriteString(inconsistent.StoredEtag);
            writer.WriteString(inconsistent.CurrentEtag);
        }
        else
        {
            writer.WriteByte(NoDetails);
        }
    }

    public static Exception Read(WireArgumentReader reader)
    {
        var typeName = reader.ReadString() ?? typeof(Exception).FullName!;
        var message = reader.ReadString() ?? "";
        var stackTrace = reader.ReadString();
        var data = ReadData(reader);
        var exception = reader.ReadByte() switch
        {
            NoDetails => Create(typeName, message),
            InconsistentStateDetails => new InconsistentStateException(message, reader.ReadString(), reader.ReadString()),
            var other => throw new WireFormatException($"Unknown exception details kind {other}."),
        };

        foreach (var (key, value) in data) exception.Data[key] = value;
        return string.IsNullOrEmpty(stackTrace) ? exception : ExceptionDispatchInfo.SetRemoteStackTrace(exception, stackTrace);
    }

    private static void WriteData(WireArgumentWriter writer, Exception exception)
    {
        var entries = new List<KeyValuePair<string, string?>>();
        foreach (System.Collections.DictionaryEntry entry in exception.Data)
        {
            if (entries.Count == MaxDataEntries) break;
            if (entry.Key is string key && entry.Value is string or null) entries.Add(new(key, (string?)entry.Value));
        }

        writer.WriteByte((byte)entries.Count);
        foreach (var (key, value) in entries)
        {
            writer.WriteString(key);
            writer.WriteString(value);
        }
    }

    private static List<KeyValuePair<string, string?>> ReadData(WireArgumentReader reader)
    {
        var count = reader.ReadByte();
        if (count > MaxDataEntries) throw new WireFormatException($"An exception carries {count} data entries; at most {MaxDataEntries} are allowed.");
        var entries = new List<KeyValuePair<string, string?>>(count);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString() ?? throw new WireFormatException("An exception data entry has no key.");
            entries.Add(new(key, reader.ReadString()));
        }

        return entries;
    }

    private static Exception Create(string typeName, string message)
    {
        if (!FactoriesByTypeName.TryGetValue(typeName, out var factory))
        {
            factory = FindFactory(typeName);
            if (FactoriesByTypeName.Count < MaxCachedTypeNames) FactoriesByTypeName.TryAdd(typeName, factory);
        }

        if (factory is not null)
        {
            try
            {
                return factory(message);
            }
            catch (TargetInvocationException)
            {
                // The type's constructor rejected the message; the caller still learns what happened.
            }
        }

        return new RemoteGrainException(typeName, message);
    }

    /// <summary>A loaded, concrete exception type with a constructor whose first parameter is the message.</summary>
    private static Func<string, Exception>? FindFactory(string typeName)
    {
        var type = FindType(typeName);
        if (type is null || type.IsAbstract || !typeof(Exception).IsAssignableFrom(type)) return null;

        var messageOnly = type.GetConstructor([typeof(string)]);
        if (messageOnly is not null && messageOnly.GetParameters()[0].Name == "message")
            return message => (Exception)messageOnly.Invoke([message]);

        var messageAndInner = type.GetConstructor([typeof(string), typeof(Exception)]);
        if (messageAndInner is not null && messageAndInner.GetParameters()[0].Name == "message")
            return message => (Exception)messageAndInner.Invoke([message, null]);

        return null;
    }

    private static Type? FindType(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is not null) return type;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic) continue;
            type = assembly.GetType(typeName, throwOnError: false);
            if (type is not null) return type;
        }

        return null;
    }
}
