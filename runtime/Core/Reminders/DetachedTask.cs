namespace Commerce.Runtime.Reminders;

/// <summary>Starts background work that outlives the call starting it.</summary>
internal static class DetachedTask
{
    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool without the caller's ExecutionContext: a loop
    /// started by a grain's registration must not carry that call's <see cref="RequestContext"/>
    /// (an AsyncLocal) into every tick it delivers.
    /// </summary>
    public static Task Run(Func<Task> work)
    {
        if (ExecutionContext.IsFlowSuppressed()) return Task.Run(work);
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(work);
        }
    }
}
