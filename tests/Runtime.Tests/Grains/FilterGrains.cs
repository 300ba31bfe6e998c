using Commerce.Runtime;

namespace Commerce.Runtime.Tests.Grains;

public interface IFilteredGrain : IGrainWithStringKey
{
    Task<string> GreetAsync(string name);
}

/// <summary>Filters its own calls: it upper-cases the greeting after the method ran.</summary>
public sealed class FilteredGrain(Probe probe) : Grain, IFilteredGrain, IIncomingGrainCallFilter
{
    public Task<string> GreetAsync(string name) => Task.FromResult($"hello {name}");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        probe.Record($"grain filter {context.MethodName}");
        await context.Invoke();
        context.Result = ((string)context.Result!).ToUpperInvariant();
    }
}
