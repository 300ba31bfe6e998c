namespace Commerce.Runtime;

/// <summary>
/// The identity of a stream: a namespace naming what kind of events it carries (e.g.
/// <c>behaviour</c>) and a key naming whose events they are (e.g. a user id), as in Orleans'
/// <c>StreamId.Create(namespace, key)</c>. Its canonical text form is <c>namespace/key</c>.
/// </summary>
/// <remarks>
/// Both parts are stored as PostgreSQL text and cross the wire, so they must be well-formed text:
/// no control characters (which also rules out NUL, which PostgreSQL text cannot hold) and no lone
/// UTF-16 surrogate. The namespace must be non-empty and must not contain '/', so the canonical form
/// splits at its first '/'; the key may be empty and may contain '/'.
/// </remarks>
public readonly struct StreamId : IEquatable<StreamId>
{
    public StreamId(string @namespace, string key)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(key);
        if (@namespace.Length == 0) throw new ArgumentException("A stream namespace must not be empty.", nameof(@namespace));
        if (@namespace.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A stream namespace must not contain '/' (the separator of namespace/key): '{@namespace}'.", nameof(@namespace));
        }
        ThrowIfNotWellFormed(@namespace, nameof(@namespace));
        ThrowIfNotWellFormed(key, nameof(key));
        Namespace = @namespace;
        Key = key;
    }

    /// <summary>What kind of events the stream carries; non-empty, without '/'.</summary>
    public string Namespace { get; }

    /// <summary>Whose events they are, within the namespace.</summary>
    public string Key { get; }

    /// <summary>True for <c>default(StreamId)</c>, which names no stream.</summary>
    public bool IsDefault => Namespace is null;

    public static StreamId Create(string @namespace, string key) => new(@namespace, key);

    public static StreamId Create(string @namespace, Guid key) => new(@namespace, key.ToString("N"));

    /// <summary>Parses the form produced by <see cref="ToString"/>: <c>namespace/key</c>.</summary>
    public static StreamId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) throw new FormatException($"'{value}' is not a stream id of the form namespace/key.");
        return new StreamId(value[..slash], value[(slash + 1)..]);
    }

    public bool Equals(StreamId other) =>
        string.Equals(Namespace, other.Namespace, StringComparison.Ordinal) && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is StreamId other && Equals(other);

    /// <summary>An in-process hash only; it differs between processes. Never use it to pick a partition.</summary>
    public override int GetHashCode() =>
        IsDefault ? 0 : HashCode.Combine(string.GetHashCode(Namespace, StringComparison.Ordinal), string.GetHashCode(Key, StringComparison.Ordinal));

    public override string ToString() => IsDefault ? "" : $"{Namespace}/{Key}";

    public static bool operator ==(StreamId left, StreamId right) => left.Equals(right);

    public static bool operator !=(StreamId left, StreamId right) => !left.Equals(right);

    private static void ThrowIfNotWellFormed(string value, string parameterName)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                throw new ArgumentException($"A stream id must not contain control characters (U+{(int)c:X4} at index {i}).", parameterName);
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"A stream id must be well-formed UTF-16 (lone surrogate at index {i}).", parameterName);
            }
        }
    }
}
