namespace Commerce.Runtime;

/// <summary>
/// Names the grain type of a grain class explicitly. Without it the name is the class name,
/// lower-cased, with a trailing "Grain" removed (<c>ProductGrain</c> becomes <c>product</c>).
/// The name is persisted in storage keys: renaming a class must not change it, so pin it here.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
