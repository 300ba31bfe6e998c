using System.Security.Cryptography.X509Certificates;

namespace Commerce.Runtime.Networking;

/// <summary>How silos and clients connect: the cluster secret, frame limits, timeouts, batching and TLS.</summary>
public sealed class NetworkingOptions
{
    /// <summary>
    /// The secret every silo and client of the cluster shares; each side of a connection proves it
    /// knows it (HMAC-SHA256 over both sides' nonces) before any call is carried. Required, no default:
    /// a default would be a secret everyone knows.
    /// </summary>
    public string? ClusterSecret { get; set; }

    /// <summary>
    /// The largest frame accepted or sent, in bytes (the length field's value). Default 16 MiB: far
    /// above any sane grain call, small enough that a corrupt or hostile length cannot exhaust memory.
    /// A larger incoming frame closes the connection; a larger outgoing call fails alone.
    /// </summary>
    public int MaxFrameSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long a new connection may take for TLS and the handshake. Default 5 s: a peer that sends
    /// garbage or nothing is cut off by then, and a real one on a loaded machine has finished long before.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening a TCP connection may take. Default 5 s; a refused connection fails at once.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a failed attempt to connect to a silo, calls to it fail at once with
    /// <see cref="SiloUnavailableException"/> for this long instead of each trying again; every
    /// further failure in a row doubles the wait, up to <see cref="MaxConnectRetryDelay"/>. Default
    /// 100 ms: a dead or unreachable silo is not hammered with connects (and its callers learn at once),
    /// while a peer that was only briefly unreachable is tried again soon. A restarted silo has a new
    /// generation, so it is a new peer with no wait.
    /// </summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between connection attempts to one silo. Default 2 s, below a probe round's failure detection.</summary>
    public TimeSpan MaxConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A connection's writer encodes every queued message and flushes once per batch, but flushes early
    /// once this many bytes are buffered. Default 64 KiB: hundreds of small calls per system call,
    /// while a burst of big ones still starts leaving before all are encoded.
    /// </summary>
    public int MaxBatchBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Whether a turn that an incoming frame makes runnable (a request for an idle grain, the response a
    /// waiting grain awaited) runs right on the connection's reader thread instead of after a thread-pool
    /// hop, up to a budget per read (<see cref="Scheduling.ReaderBatch"/>). Default on: it removes a
    /// hop per call and lets a batch of answers leave in one flush, which took grain-to-grain calls
    /// between two silos from 0.35x to over 0.5x of a raw echo. The cost: grain code that blocks its
    /// thread (which it must never do) also stalls the other calls read from the same connection until
    /// it returns. Writes are batched per read either way.
    /// </summary>
    public bool RunTurnsOnReader { get; set; } = true;

    /// <summary>The size of the buffers a connection reads into. Default 32 KiB: a whole batch of small responses per read.</summary>
    public int ReceiveBufferSize { get; set; } = 32 * 1024;

    /// <summary>
    /// How often connections forget calls settled without their response (the caller timed out) and
    /// give up incoming calls whose caller's deadline passed. Default 5 s: such entries are rare and
    /// small; sweeping more often only costs CPU.
    /// </summary>
    public TimeSpan PendingSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Encrypts connections with TLS (both sides must agree). Default off: the cluster network is private.</summary>
    public bool UseTls { get; set; }

    /// <summary>With <see cref="UseTls"/>: the certificate (with its private key) a listening silo presents.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>
    /// With <see cref="UseTls"/>: the SHA-256 or SHA-1 thumbprints (hex, any case) of the server
    /// certificates an initiating side accepts. Pinning thumbprints lets a cluster use self-signed
    /// certificates without a CA; any other certificate is refused.
    /// </summary>
    public IList<string> AllowedServerThumbprints { get; } = new List<string>();
}
