namespace Commerce.Runtime.Activation;

/// <summary>Runs a request through the silo's incoming filters, then the grain's own filter, then the method.</summary>
internal sealed class IncomingCallContext(Request request, object grain, IIncomingGrainCallFilter[] filters, bool grainFilters) : IIncomingGrainCallContext
{
    private int _next;

    public Request Request { get; } = request;

    public object Grain { get; } = grain;

    public GrainId TargetId => Request.TargetId;

    public GrainId? SourceId => Request.SenderId.IsDefault ? null : Request.SenderId;

    public object? Result { get; set; }

    public async Task Invoke()
    {
        var index = _next++;
        if (index < filters.Length)
        {
            await filters[index].Invoke(this);
        }
        else if (index == filters.Length && grainFilters)
        {
            await ((IIncomingGrainCallFilter)Grain).Invoke(this);
        }
        else
        {
            Result = await Request.InvokeBoxed(Grain);
        }
    }
}
