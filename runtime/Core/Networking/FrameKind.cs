namespace Commerce.Runtime.Networking;

/// <summary>The byte after a frame's length: what the payload is.</summary>
internal enum FrameKind : byte
{
    /// <summary>Initiator: protocol version, cluster id, role, identity, nonce.</summary>
    Hello = 1,

    /// <summary>Acceptor: protocol version, cluster id, identity, nonce.</summary>
    Welcome = 2,

    /// <summary>Either side: HMAC-SHA256 of the handshake transcript under the cluster secret.</summary>
    Proof = 3,

    /// <summary>Acceptor: why the handshake failed; the connection closes after it.</summary>
    Reject = 4,

    /// <summary>Initiator to acceptor: a grain call.</summary>
    Request = 5,

    /// <summary>Acceptor to initiator: the result or exception of a call.</summary>
    Response = 6,

    Ping = 7,

    Pong = 8,
}
