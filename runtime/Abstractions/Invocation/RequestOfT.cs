using System.ComponentModel;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime;

/// <summary>A request whose method produces <typeparamref name="TResult"/> (<see cref="VoidResult"/> for void methods).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Request<TResult> : Request
{
    private TaskCompletionSource<TResult>? _response;

    /// <summary>Calls the interface method on the grain; emitted by the generator.</summary>
    protected abstract ValueTask<TResult> InvokeInner(object grain);

    internal Task<TResult> PrepareTypedResponse()
    {
        // Continuations run asynchronously so that a caller's code never runs inside the callee's turn.
        _response = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _response.Task;
    }

    internal override Task PrepareResponse() => PrepareTypedResponse();

    internal override object? GetBoxedResult() => _response!.Task.Result;

    internal override bool IsSettled => _response is { Task.IsCompleted: true };

    internal override bool Execute(object grain)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = InvokeInner(grain);
        }
        catch (Exception exception)
        {
            TrySetException(exception);
            return true;
        }

        if (pending.IsCompletedSuccessfully)
        {
            TrySetResult(pending.Result);
            return true;
        }

        AwaitResult(pending);
        return false;
    }

    // async void on purpose: nothing awaits it; completion is reported to the executor, and every
    // exception is caught and turned into the response.
    private async void AwaitResult(ValueTask<TResult> pending)
    {
        try
        {
            TrySetResult(await pending.ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            TrySetException(exception);
        }

        Executor!.OnExecuted(this);
    }

    internal override async ValueTask<object?> InvokeBoxed(object grain) => await InvokeInner(grain).ConfigureAwait(false);

    internal bool TrySetResult(TResult result)
    {
        if (_response is null || !_response.TrySetResult(result)) return false;
        Observer?.OnResponded(this);
        return true;
    }

    internal override bool TrySetBoxedResult(object? result) => TrySetResult((TResult)result!);

    internal override void WriteResult(IArgumentWriter writer) => writer.Write(_response!.Task.Result);

    internal override bool TrySetResultFrom(IArgumentReader reader) => TrySetResult(reader.Read<TResult>());

    internal override bool TrySetException(Exception exception)
    {
        Failed = true;
        if (_response is null)
        {
            if (IsOneWay) Observer?.OnOneWayFailed(this, exception);
            return false;
        }

        if (!_response.TrySetException(exception)) return false;
        Observer?.OnResponded(this);
        return true;
    }
}
