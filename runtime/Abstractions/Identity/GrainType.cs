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

    public override int GetHashCode() => Value is null ? 0 : Value.GetHashCode();

    public override string ToString() => Value ?? "";

    public static bool operator ==(GrainType left, GrainType right) => left.Equals(right);

    public static bool operator !=(GrainType left, GrainType right) => !left.Equals(right);
}
