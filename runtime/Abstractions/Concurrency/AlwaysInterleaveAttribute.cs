namespace Commerce.Runtime;

/// <summary>
/// A grain interface method whose requests may interleave with any other request of the activation,
/// even on a non-reentrant grain. For cheap queries and for breaking call cycles by design.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
