using System.CodeDom.Compiler;
using System.ComponentModel;

namespace Commerce.Runtime.Streams;

/// <summary>
/// The proxy of <see cref="IStreamConsumer"/>, written by hand like the reminders' one: the interface
/// is implemented by no grain class (the request dispatches to the activation's observers), so the
/// generator has nothing to emit for it. Registered by <see cref="StreamsHostedService"/>.
/// </summary>
[GeneratedCode("Commerce.Runtime.CodeGenerator", "1.0")]
[EditorBrowsable(EditorBrowsableState.Never)]
internal sealed class StreamConsumerReference(IGrainReferenceRuntime runtime, GrainId grainId) : GrainReference(runtime, grainId), IStreamConsumer
{
    public static GrainReference Create(IGrainReferenceRuntime runtime, GrainId grainId) => new StreamConsumerReference(runtime, grainId);

    /// <summary>A factory for each method's request, indexed by method id.</summary>
    public static Func<Request>[] CreateRequestFactories() => [static () => new DeliverStreamEventRequest(), static () => new NotifyStreamEventRequest()];

    Task IStreamConsumer.DeliverAsync(StreamDelivery delivery) => InvokeAsync(new DeliverStreamEventRequest { Delivery = delivery });

    Task IStreamConsumer.Notify(StreamDelivery delivery)
    {
        InvokeOneWay(new NotifyStreamEventRequest { Delivery = delivery });
        return Task.CompletedTask;
    }
}
