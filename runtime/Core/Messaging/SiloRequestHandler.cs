using Commerce.Runtime.Networking;

namespace Commerce.Runtime.Messaging;

/// <summary>Takes the requests other silos and clients send to this silo and dispatches them like local calls.</summary>
internal sealed class SiloRequestHandler(GrainRuntime runtime) : IIncomingRequestHandler
{
    public void OnRequest(IncomingRequest request, Connection connection) =>
        runtime.Dispatcher.DeliverIncoming(request.Request, request.HopCount);
}
