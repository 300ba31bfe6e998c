namespace Commerce.Runtime.CodeGenerator.Tests.Fakes;

/// <summary>
/// Stands in for a silo or client: records the requests proxies send and answers two-way calls
/// through the outgoing-filter path (the only one that settles a response without runtime internals).
/// </summary>
internal sealed class RecordingGrainReferenceRuntime : IGrainReferenceRuntime
{
    public List<Request> Sent { get; } = [];

    /// <summary>The result every two-way call completes with.</summary>
    public object? Response { get; set; }

    public IGrainFactory GrainFactory => throw new NotSupportedException("The generated code under test does not create references.");

    public bool HasOutgoingFilters => true;

    public void Send(GrainReference target, Request request) => Sent.Add(request);

    public Task<object?> InvokeWithOutgoingFiltersAsync(GrainReference target, Request request)
    {
        Sent.Add(request);
        return Task.FromResult(Response);
    }
}
