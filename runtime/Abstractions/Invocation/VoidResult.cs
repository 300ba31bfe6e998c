namespace Commerce.Runtime;

/// <summary>
/// The result of a grain method that returns <see cref="Task"/> or <see cref="ValueTask"/>, so that
/// every request is a <see cref="Request{TResult}"/> and the runtime has one code path.
/// </summary>
public readonly struct VoidResult
{
    /// <summary>Adapts a void grain method's task without allocating when it completed synchronously.</summary>
    public static ValueTask<VoidResult> From(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitTask(task);

    /// <inheritdoc cref="From(Task)"/>
    public static ValueTask<VoidResult> From(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitValueTask(task);

    // ConfigureAwait(false): the grain's task completes on its activation's scheduler, and the
    // continuation must run right there, not be posted back to it as a second turn.
    private static async ValueTask<VoidResult> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return default;
    }

    private static async ValueTask<VoidResult> AwaitValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return default;
    }
}
