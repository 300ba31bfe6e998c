using System.Collections.Immutable;

namespace Commerce.Runtime;

/// <summary>An immutable snapshot of request context values; capturing it for a call is a reference copy.</summary>
internal sealed class RequestContextData(ImmutableDictionary<string, object> values)
{
    public ImmutableDictionary<string, object> Values { get; } = values;
}
