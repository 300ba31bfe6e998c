namespace Commerce.Runtime.Activation;

/// <summary>
/// One runnable item of an activation: a continuation posted by grain code (Callback set), or an
/// admitted request or timer tick (Callback null, State the request or timer).
/// </summary>
internal readonly record struct WorkItem(SendOrPostCallback? Callback, object? State);
