namespace Commerce.Runtime.Networking;

/// <summary>
/// A request that arrived from another silo or a client, materialized: <see cref="Request"/> has its
/// target, sender, request context and arguments set, its <c>Deadline</c> set from the caller's
/// remaining timeout and, unless it is one-way, its response prepared.
/// </summary>
public readonly struct IncomingRequest(Request request, long correlationId, int hopCount, TimeSpan remainingTimeout)
{
    public Request Request { get; } = request;

    /// <summary>How the caller's connection matches the response to its call.</summary>
    public long CorrelationId { get; } = correlationId;

    /// <summary>How many silos forwarded the request before this one (0 when it came straight from its caller).</summary>
    public int HopCount { get; } = hopCount;

    /// <summary>How long the caller still waits, as it was when the request left; <see cref="TimeSpan.Zero"/> when it has no deadline.</summary>
    public TimeSpan RemainingTimeout { get; } = remainingTimeout;
}
