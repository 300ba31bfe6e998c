namespace Commerce.Runtime;

/// <summary>Overrides, for one grain class, how long an idle activation stays in memory.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    public CollectionAgeLimitAttribute(double minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutes);
        Age = TimeSpan.FromMinutes(minutes);
    }

    public TimeSpan Age { get; }
}
