using System.ComponentModel;

namespace Commerce.Runtime;

/// <summary>What a grain reference calls into to send requests; implemented by silos and clients.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainReferenceRuntime
{
    IGrainFactory GrainFactory { get; }

    /// <summary>True when outgoing call filters are registered, so calls must take the slower filtered path.</summary>
    bool HasOutgoingFilters { get; }

    /// <summary>Routes the request to its target's activation. The response, if any, settles the request.</summary>
    void Send(GrainReference target, Request request);

    /// <summary>Sends the request through the outgoing call filters and returns the (possibly filtered) result.</summary>
    Task<object?> InvokeWithOutgoingFiltersAsync(GrainReference target, Request request);
}
