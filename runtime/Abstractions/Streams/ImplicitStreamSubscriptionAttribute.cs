namespace Commerce.Runtime;

/// <summary>
/// On a grain class: every event on a stream of namespace <see cref="Namespace"/> reaches the grain of
/// this class whose key is the stream's key, activating it when needed, with no subscribe call, as in
/// Orleans.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ImplicitStreamSubscriptionAttribute(string @namespace) : Attribute
{
    public string Namespace { get; } = @namespace;
}
