using System.ComponentModel;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime;

/// <summary>
/// One call of a grain interface method: the generator emits a sealed subclass per method that
/// holds the arguments and invokes the method on a grain. The same object is the message that
/// travels to the activation, so a local call allocates no separate envelope.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Request
{
    public abstract string MethodName { get; }

    public abstract Type InterfaceType { get; }

    public virtual RequestOptions Options => RequestOptions.None;

    /// <summary>
    /// With <see cref="InterfaceType"/>, how the wire names the method: its index in the request
    /// table of the interface that declares it.
    /// </summary>
    public abstract int MethodId { get; }

    public virtual int ArgumentCount => 0;

    public virtual object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public virtual void SetArgument(int index, object? value) => throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Writes the arguments in order; generated for methods that have any.</summary>
    public virtual void WriteArguments(IArgumentWriter writer)
    {
    }

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>.</summary>
    public virtual void ReadArguments(IArgumentReader reader)
    {
    }

    // ---- the envelope, owned by the runtime ----

    /// <summary>The grain the request is addressed to.</summary>
    internal GrainId TargetId;

    /// <summary>The calling grain, or default for a call from outside any grain.</summary>
    internal GrainId SenderId;

    /// <summary>The caller's <see cref="RequestContext"/> snapshot, flowed to the callee.</summary>
    internal RequestContextData? ContextData;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp after which the caller gives up.</summary>
    internal long Deadline;

    /// <summary>For a request from another process: the id its caller's connection matches the response with.</summary>
    internal long CorrelationId;

    /// <summary>Intrusive links of the timeout list the request waits in (no allocation per call).</summary>
    internal Request? TimeoutPrevious, TimeoutNext;

    internal object? TimeoutBucket;

    internal IRequestObserver? Observer;

    /// <summary>Stopwatch timestamp when the request started on its activation; 0 when calls are not measured.</summary>
    internal long StartedAt;

    /// <summary>True once the response was settled with an exception.</summary>
    internal bool Failed;

    /// <summary>Set by the activation before the request runs, to find its way back on completion.</summary>
    internal IRequestExecutor? Executor;

    internal bool IsOneWay => (Options & RequestOptions.OneWay) != 0;

    // ---- execution and response, implemented by Request<TResult> ----

    /// <summary>
    /// Runs the method on <paramref name="grain"/> and settles the response. Returns true when it
    /// completed synchronously; otherwise <see cref="Executor"/> is told once it has settled.
    /// </summary>
    internal abstract bool Execute(object grain);

    /// <summary>Runs the method and returns its result boxed: the path taken through incoming call filters.</summary>
    internal abstract ValueTask<object?> InvokeBoxed(object grain);

    /// <summary>Creates the caller's completion and returns its task.</summary>
    internal abstract Task PrepareResponse();

    /// <summary>
    /// Expects a response for a caller in another process: the outcome is kept in the request for
    /// <see cref="WriteResult"/>, and no task is created (nothing here awaits it).
    /// </summary>
    internal abstract void PrepareInlineResponse();

    /// <summary>The result of a successfully completed response, boxed.</summary>
    internal abstract object? GetBoxedResult();

    /// <summary>True once the caller has its answer (or gave up waiting): the request need not run any more.</summary>
    internal abstract bool IsSettled { get; }

    internal abstract bool TrySetBoxedResult(object? result);

    internal abstract bool TrySetException(Exception exception);

    /// <summary>Writes the successful result of a settled response, for a caller on another silo.</summary>
    internal abstract void WriteResult(IArgumentWriter writer);

    /// <summary>Settles the response with a result that arrived from another silo.</summary>
    internal abstract bool TrySetResultFrom(IArgumentReader reader);

    public override string ToString() => $"{InterfaceType.Name}.{MethodName} to {TargetId}";
}
