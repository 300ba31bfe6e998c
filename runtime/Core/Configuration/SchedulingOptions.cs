namespace Commerce.Runtime.Configuration;

/// <summary>How activations share the thread pool.</summary>
public sealed class SchedulingOptions
{
    /// <summary>
    /// How many work items (request starts and continuations) an activation runs before it yields its
    /// thread to other activations. Default 64: long enough to amortize scheduling on a hot grain,
    /// short enough that one hot grain cannot starve the others.
    /// </summary>
    public int TurnBudget { get; set; } = 64;
}
