namespace Commerce.Runtime.Messaging;

/// <summary>Runs a call through the outgoing filters, then sends it and waits for the response.</summary>
internal sealed class OutgoingCallContext(GrainCallDispatcher dispatcher, GrainReference target, Request request, IOutgoingGrainCallFilter[] filters)
    : IOutgoingGrainCallContext
{
    private int _next;

    public Request Request { get; } = request;

    public GrainId TargetId => target.GrainId;

    public GrainId? SourceId => RuntimeContext.Current?.GrainId;

    public object? Result { get; set; }

    public async Task Invoke()
    {
        var index = _next++;
        if (index < filters.Length)
        {
            await filters[index].Invoke(this);
            return;
        }

        var response = Request.PrepareResponse();
        dispatcher.Send(target, Request);
        await response;
        Result = Request.GetBoxedResult();
    }
}
