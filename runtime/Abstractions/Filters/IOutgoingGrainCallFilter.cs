namespace Commerce.Runtime;

/// <summary>Wraps every call made through a silo's or client's grain references.</summary>
public interface IOutgoingGrainCallFilter
{
    Task Invoke(IOutgoingGrainCallContext context);
}
