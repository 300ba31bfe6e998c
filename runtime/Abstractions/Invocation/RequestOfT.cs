using System.ComponentModel;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime;

/// <summary>A request whose method produces <typeparamref name="TResult"/> (<see cref="VoidResult"/> for void methods).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Request<TResult> : Request
{
    private const int InlinePending = 1;
    private const int InlineSettling = 2;
    private const int InlineSettled = 3;

    private TaskCompletionSource<TResult>? _response;

    // The response of a call from another process (PrepareInlineResponse): nothing in this process
    // awaits it, so its outcome is kept here for the connection to encode, with no task to allocate
    // and complete. _inline goes 0 -> InlinePending -> InlineSettling -> InlineSettled: the one settler
    // that claims it writes the outcome, then publishes it, so IsSettled implies a readable outcome.
    private int _inline;
    private TResult? _result;
    private Exception? _error;

    /// <summary>Calls the interface method on the grain; emitted by the generator.</summary>
    protected abstract ValueTask<TResult> InvokeInner(object grain);

    internal Task<TResult> PrepareTypedResponse()
    {
        // Continuations run asynchronously so that a caller's code never runs inside the callee's turn.
        _response = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _response.Task;
    }

    internal override Task PrepareResponse() => PrepareTypedResponse();

    internal override void PrepareInlineResponse() => _inline = InlinePending;

    internal override object? GetBoxedResult() => _response is null ? InlineResult() : _response.Task.Result;

    internal override bool IsSettled => _response is null ? Volatile.Read(ref _inline) == InlineSettled : _response.Task.IsCompleted;

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
        if (_response is null)
        {
            if (!TryClaimInline()) return false;
            _result = result;
            Volatile.Write(ref _inline, InlineSettled);
        }
        else if (!_response.TrySetResult(result))
        {
            return false;
        }

        Observer?.OnResponded(this);
        return true;
    }

    internal override bool TrySetBoxedResult(object? result) => TrySetResult((TResult)result!);

    internal override void WriteResult(IArgumentWriter writer) => writer.Write(_response is null ? InlineResult() : _response.Task.Result);

    internal override bool TrySetResultFrom(IArgumentReader reader) => TrySetResult(reader.Read<TResult>());

    internal override bool TrySetException(Exception exception)
    {
        Failed = true;
        if (_response is not null)
        {
            if (!_response.TrySetException(exception)) return false;
        }
        else if (TryClaimInline())
        {
            _error = exception;
            Volatile.Write(ref _inline, InlineSettled);
        }
        else
        {
            if (IsOneWay) Observer?.OnOneWayFailed(this, exception);
            return false;
        }

        Observer?.OnResponded(this);
        return true;
    }

    private bool TryClaimInline() => Interlocked.CompareExchange(ref _inline, InlineSettling, InlinePending) == InlinePending;

    /// <summary>The inline outcome, thrown as a faulted task's <c>Result</c> throws it (wrapped), so both kinds of response read alike.</summary>
    private TResult InlineResult() => _error is null ? _result! : throw new AggregateException(_error);
}
