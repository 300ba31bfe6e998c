using System.ComponentModel;

namespace Commerce.Runtime;

/// <summary>
/// The base class of the generated proxies: a grain's identity plus the runtime that carries its
/// calls. Creating one does no I/O. Two references are equal when they address the same grain.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(IGrainReferenceRuntime runtime, GrainId grainId)
    {
        Runtime = runtime;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    internal IGrainReferenceRuntime Runtime { get; }

    /// <summary>The runtime's cached route to the target (e.g. its local activation), checked before use.</summary>
    internal object? CachedRoute;

    [EditorBrowsable(EditorBrowsableState.Never)]
    protected Task<TResult> InvokeAsync<TResult>(Request<TResult> request)
    {
        if (Runtime.HasOutgoingFilters) return InvokeThroughFiltersAsync(request);
        var response = request.PrepareTypedResponse();
        Runtime.Send(this, request);
        return response;
    }

    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void InvokeOneWay(Request request) => Runtime.Send(this, request);

    private async Task<TResult> InvokeThroughFiltersAsync<TResult>(Request<TResult> request) =>
        await Runtime.InvokeWithOutgoingFiltersAsync(this, request).ConfigureAwait(false) is TResult result ? result : default!;

    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => GrainId.ToString();
}
