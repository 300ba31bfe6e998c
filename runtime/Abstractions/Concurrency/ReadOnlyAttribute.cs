namespace Commerce.Runtime;

/// <summary>
/// A grain interface method that does not change the grain's state: its requests interleave with
/// other read-only requests, never with a request that may write.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
