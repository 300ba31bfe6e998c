namespace Commerce.Runtime;

/// <summary>
/// Lets an activation of this grain class interleave requests: while one request awaits, another
/// may start. Turns still run one at a time on the activation's scheduler, so no locks are needed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
