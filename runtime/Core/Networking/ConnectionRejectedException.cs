namespace Commerce.Runtime.Networking;

/// <summary>
/// A connection was refused in its handshake: a wrong cluster secret, another cluster, another
/// protocol version, or a peer that is not the silo it was expected to be (or, with TLS, a server
/// certificate that is not allowed). Not retryable: the configuration of one side is wrong.
/// </summary>
public sealed class ConnectionRejectedException : Exception
{
    public ConnectionRejectedException(string reason, Exception? innerException = null)
        : base($"The connection was rejected: {reason}", innerException)
    {
        Reason = reason;
    }

    /// <summary>Why, as the refusing side stated it.</summary>
    public string Reason { get; }
}
