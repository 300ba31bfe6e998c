namespace Commerce.Runtime.Networking;

/// <summary>Receives the requests that arrive on accepted connections (implemented by the silo's dispatch).</summary>
public interface IIncomingRequestHandler
{
    /// <summary>
    /// Called on the connection's read loop for every request, in arrival order: queue it and return,
    /// never block. The response goes back on its own once the request is settled (the connection is
    /// the request's <c>Observer</c>: leave it in place, or answer with
    /// <see cref="Connection.SendResponse"/>). Throwing fails the request with that exception.
    /// </summary>
    void OnRequest(IncomingRequest request, Connection connection);
}
