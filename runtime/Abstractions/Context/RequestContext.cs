using System.Collections.Immutable;

namespace Commerce.Runtime;

/// <summary>
/// Ambient key/value pairs (a correlation id, a tenant, the acting user) that flow with the
/// asynchronous control flow and with every grain call made from it, so a callee sees what its
/// caller set. Values should be small and immutable.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<RequestContextData?> Current = new();

    public static object? Get(string key) =>
        Current.Value is { } data && data.Values.TryGetValue(key, out var value) ? value : null;

    public static void Set(string key, object value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var values = Current.Value?.Values ?? ImmutableDictionary<string, object>.Empty.WithComparers(StringComparer.Ordinal);
        Current.Value = new RequestContextData(values.SetItem(key, value));
    }

    public static bool Remove(string key)
    {
        if (Current.Value is not { } data || !data.Values.ContainsKey(key)) return false;
        var values = data.Values.Remove(key);
        Current.Value = values.IsEmpty ? null : new RequestContextData(values);
        return true;
    }

    public static void Clear() => Current.Value = null;

    /// <summary>All current keys, for diagnostics.</summary>
    public static IReadOnlyCollection<string> Keys => Current.Value?.Values.Keys.ToArray() ?? [];

    /// <summary>The snapshot a call captures.</summary>
    internal static RequestContextData? Capture() => Current.Value;

    /// <summary>Installs a callee's snapshot for the turn it runs; skips the write when nothing changes.</summary>
    internal static void Restore(RequestContextData? data)
    {
        if (!ReferenceEquals(Current.Value, data)) Current.Value = data;
    }
}
