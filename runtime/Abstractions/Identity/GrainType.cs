using System.Runtime.CompilerServices;

namespace Commerce.Runtime;

/// <summary>
/// The name of a grain class as the cluster knows it, e.g. <c>product</c>. It is part of every
/// <see cref="GrainId"/> and of every storage key, so two grain classes never share state even
/// when their keys are equal. Values are interned so that equality is usually a reference check.
/// </summary>
public readonly struct GrainType : IEquatable<GrainType>
{
    public GrainType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = string.Intern(value);
    }

    public string Value { get; }

    public bool IsDefault => Value is null;

    public bool Equals(GrainType other) => ReferenceEquals(Value, other.Value) || string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainType other && Equals(other);

    // Interned, so equal values are one string: its identity hash is a valid hash and, unlike hashing
    // the characters, costs nothing per call (every decoded grain id and dispatch lookup hashes a type).
    public override int GetHashCode() => Value is null ? 0 : RuntimeHelpers.GetHashCode(Value);

    public override string ToString() => Value ?? "";

    public static bool operator ==(GrainType left, GrainType right) => left.Equals(right);

    public static bool operator !=(GrainType left, GrainType right) => !left.Equals(right);
}
