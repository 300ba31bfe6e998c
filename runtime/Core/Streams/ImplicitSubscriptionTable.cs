using System.Reflection;
using Commerce.Runtime.Registry;

namespace Commerce.Runtime.Streams;

/// <summary>
/// Which grain types subscribe implicitly to each stream namespace
/// (<see cref="ImplicitStreamSubscriptionAttribute"/> on their classes), read from the silo's grain
/// classes once they are registered.
/// </summary>
internal sealed class ImplicitSubscriptionTable(GrainTypeRegistry registry)
{
    private Dictionary<string, GrainType[]>? _byNamespace;

    /// <summary>The grain types subscribed to <paramref name="streamNamespace"/>; empty when none.</summary>
    public GrainType[] SubscribersOf(string streamNamespace) =>
        Table.TryGetValue(streamNamespace, out var types) ? types : [];

    /// <summary>Whether the class of <paramref name="grainClass"/> subscribes to <paramref name="streamNamespace"/>.</summary>
    public static bool Subscribes(Type grainClass, string streamNamespace) =>
        grainClass.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Any(a => string.Equals(a.Namespace, streamNamespace, StringComparison.Ordinal));

    // Built on first use: the silo registers its grain classes when it starts, before any event flows.
    private Dictionary<string, GrainType[]> Table => _byNamespace ??= registry.Classes
        .SelectMany(c => c.ClassType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => (a.Namespace, c.GrainType)))
        .GroupBy(x => x.Namespace, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.GrainType).Distinct().ToArray(), StringComparer.Ordinal);
}
