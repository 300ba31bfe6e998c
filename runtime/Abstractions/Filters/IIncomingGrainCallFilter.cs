namespace Commerce.Runtime;

/// <summary>
/// Wraps every call a grain receives: registered in the silo's services for all grains, or
/// implemented by a grain class for its own calls (that one runs last, closest to the method).
/// </summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IIncomingGrainCallContext context);
}
