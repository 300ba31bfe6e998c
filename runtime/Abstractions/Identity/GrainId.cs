using System.Globalization;

namespace Commerce.Runtime;

/// <summary>
/// The identity of a grain: its <see cref="GrainType"/> and its key. Guid keys are held in their
/// 32-digit "N" form and integer keys in invariant decimal, so every identity has one canonical
/// string form that storage, placement and the wire can share.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    private readonly int _hash;

    public GrainId(GrainType type, string key)
    {
        if (type.IsDefault) throw new ArgumentException("A grain id needs a grain type.", nameof(type));
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
        _hash = HashCode.Combine(type.GetHashCode(), string.GetHashCode(key, StringComparison.Ordinal));
    }

    public GrainType Type { get; }

    /// <summary>The key in its canonical string form.</summary>
    public string Key { get; }

    public bool IsDefault => Type.IsDefault;

    public static GrainId Create(GrainType type, string key) => new(type, key);

    public static GrainId Create(GrainType type, Guid key) => new(type, key.ToString("N"));

    public static GrainId Create(GrainType type, long key) => new(type, key.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses the form produced by <see cref="ToString"/>: <c>type/key</c>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/');
        if (slash <= 0) throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        return new GrainId(new GrainType(value[..slash]), value[(slash + 1)..]);
    }

    public Guid GetGuidKey() =>
        Guid.TryParseExact(Key, "N", out var guid) ? guid : throw new InvalidOperationException($"Grain {this} does not have a Guid key.");

    public long GetIntegerKey() =>
        long.TryParse(Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"Grain {this} does not have an integer key.");

    public bool Equals(GrainId other) => _hash == other._hash && Type.Equals(other.Type) && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => IsDefault ? "" : $"{Type.Value}/{Key}";

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
