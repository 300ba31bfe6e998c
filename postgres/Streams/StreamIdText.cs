using System.Text.Unicode;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams;

/// <summary>
/// The log stores a stream's id as two <c>text</c> columns, its namespace and its key, so that
/// operators can query the log by them. Orleans keeps both as UTF-8 bytes; this converts between
/// the two forms and refuses ids that would not come back from the database as they went in.
/// </summary>
internal static class StreamIdText
{
    /// <summary>The namespace (empty when the stream has none) and key of <paramref name="stream"/> as text.</summary>
    /// <exception cref="ArgumentException">The id is the default one, or a part is not UTF-8 text PostgreSQL can store.</exception>
    public static (string Namespace, string Key) Split(StreamId stream, string parameterName)
    {
        if (stream.Key.IsEmpty) throw new ArgumentException("A stream id with a key is required.", parameterName);
        ThrowIfNotStorable(stream.Namespace.Span, parameterName);
        ThrowIfNotStorable(stream.Key.Span, parameterName);
        return (stream.GetNamespace() ?? "", stream.GetKeyAsString());
    }

    /// <summary>The stream id whose parts were stored as <paramref name="namespace"/> and <paramref name="key"/>.</summary>
    public static StreamId Join(string @namespace, string key) => StreamId.Create(@namespace.Length == 0 ? null : @namespace, key);

    private static void ThrowIfNotStorable(ReadOnlySpan<byte> utf8, string parameterName)
    {
        if (!Utf8.IsValid(utf8)) throw new ArgumentException("A stream id must be UTF-8 text.", parameterName);
        if (utf8.Contains((byte)0)) throw new ArgumentException("A stream id must not contain NUL, which PostgreSQL text cannot hold.", parameterName);
    }
}
