using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commerce.Runtime.Networking;

/// <summary>
/// The transport of one silo or client: listens for connections from silos and clients (silos only)
/// and keeps at most one outbound connection per peer silo, opened on first use, shared by every
/// caller, and opened again after it fails. Requests go out on the outbound connection of their
/// target silo; requests arriving on accepted connections go to the <see cref="IIncomingRequestHandler"/>.
/// Also the membership's <see cref="ISiloProber"/>: a probe is a ping over the same connection.
/// </summary>
public sealed class ConnectionManager : ISiloProber, IAsyncDisposable
{
    private readonly NetworkingOptions _options;
    private readonly byte[] _secret;
    private readonly GrainTypeRegistry _registry;
    private readonly IGrainFactory? _grainFactory;
    private readonly IIncomingRequestHandler? _handler;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly HashSet<string> _allowedThumbprints;
    private readonly ConcurrentDictionary<SiloAddress, Peer> _peers = new();
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Timer _sweeper;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;

    /// <param name="options">Cluster secret, limits, timeouts, TLS.</param>
    /// <param name="local">Who this process is in handshakes.</param>
    /// <param name="registry">Wire ids of grain interfaces, and factories for the requests that arrive.</param>
    /// <param name="grainFactory">Recreates grain references that arrive as arguments or results.</param>
    /// <param name="handler">Takes the requests that arrive; required to listen.</param>
    /// <param name="loggers">Where connections log refusals, protocol violations and losses.</param>
    public ConnectionManager(
        NetworkingOptions options,
        TransportIdentity local,
        GrainTypeRegistry registry,
        IGrainFactory? grainFactory = null,
        IIncomingRequestHandler? handler = null,
        ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(registry);
        if (string.IsNullOrEmpty(options.ClusterSecret)) throw new ArgumentException("NetworkingOptions.ClusterSecret must be set: every silo and client of the cluster shares it.", nameof(options));
        if (options.MaxFrameSize < 64) throw new ArgumentOutOfRangeException(nameof(options), "NetworkingOptions.MaxFrameSize is too small for any call.");
        if (options.MaxBatchBytes <= 0 || options.ReceiveBufferSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), "NetworkingOptions.MaxBatchBytes and ReceiveBufferSize must be positive.");
        if (options.HandshakeTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero || options.PendingSweepInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "NetworkingOptions timeouts and intervals must be positive.");

        _options = options;
        _secret = Encoding.UTF8.GetBytes(options.ClusterSecret);
        _registry = registry;
        _grainFactory = grainFactory;
        _handler = handler;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<ConnectionManager>();
        _allowedThumbprints = new HashSet<string>(options.AllowedServerThumbprints.Select(NormalizeThumbprint), StringComparer.Ordinal);
        Local = local;
        _sweeper = new Timer(static state => ((ConnectionManager)state!).Sweep(), this, options.PendingSweepInterval, options.PendingSweepInterval);
    }

    /// <summary>This process's identity (for a silo listening on port 0, with the port it got).</summary>
    public TransportIdentity Local { get; private set; }

    /// <summary>Where this manager accepts connections; null when it does not listen.</summary>
    public IPEndPoint? ListenEndPoint { get; private set; }

    /// <summary>
    /// Raised when a connection, inbound or outbound, closes, after its waiting calls were failed.
    /// Runs on the connection's thread: do not block.
    /// </summary>
    public event Action<Connection>? ConnectionClosed;

    /// <summary>The open connections, inbound and outbound.</summary>
    public IReadOnlyCollection<Connection> Connections => _connections.Keys.ToArray();

    /// <summary>Starts accepting silo and client connections on <paramref name="endPoint"/> (port 0: any free port).</summary>
    public void StartListening(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_listener is not null) throw new InvalidOperationException("The connection manager is already listening.");
        if (Local.Role != ConnectionRole.Silo) throw new InvalidOperationException("Only a silo accepts connections.");
        if (_handler is null) throw new InvalidOperationException("A listening connection manager needs an IIncomingRequestHandler.");
        if (_options.UseTls && _options.ServerCertificate is null) throw new InvalidOperationException("NetworkingOptions.UseTls needs a ServerCertificate to listen.");

        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endPoint);
            listener.Listen();
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        ListenEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        if (Local.Silo is { Port: 0 } silo) Local = TransportIdentity.ForSilo(Local.ClusterId, silo with { Port = ListenEndPoint.Port });
        _acceptLoop = AcceptLoopAsync(listener);
        _logger.LogInformation("Listening for silos and clients on {EndPoint} as {Local}", ListenEndPoint, Local.Name);
    }

    /// <summary>
    /// The open connection to <paramref name="peer"/>, opening it if there is none. Concurrent callers
    /// share one attempt. Throws <see cref="ConnectionRejectedException"/> when the peer refuses the
    /// handshake, <see cref="SiloUnavailableException"/> when it cannot be reached.
    /// </summary>
    public ValueTask<Connection> GetConnectionAsync(SiloAddress peer, CancellationToken cancellationToken = default)
    {
        if (TryGetConnection(peer, out var connection)) return new(connection);
        while (true)
        {
            var state = _peers.GetOrAdd(peer, static address => new Peer(address));
            lock (state)
            {
                if (state.IsRemoved) continue;
                if (state.Connection is { IsOpen: true } open) return new(open);
                if (state.Connecting is null && BackingOff(state) is { } refused) return ValueTask.FromException<Connection>(refused);
                return new(ConnectLocked(state).WaitAsync(cancellationToken));
            }
        }
    }

    /// <summary>The open outbound connection to <paramref name="peer"/>, if there is one now; opens none.</summary>
    public bool TryGetConnection(SiloAddress peer, [NotNullWhen(true)] out Connection? connection)
    {
        if (_peers.TryGetValue(peer, out var state) && Volatile.Read(ref state.Connection) is { IsOpen: true } open)
        {
            connection = open;
            return true;
        }

        connection = null;
        return false;
    }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="peer"/>, connecting first if needed. Never
    /// throws: if the peer cannot be reached the request fails with <see cref="SiloUnavailableException"/>
    /// (retryable) or <see cref="ConnectionRejectedException"/>. Calls made while the connection is
    /// being opened wait in order and go out before any later call, so one sender's calls reach the
    /// peer in the order they were sent.
    /// </summary>
    public void SendRequest(SiloAddress peer, Request request, int hopCount)
    {
        if (TryGetConnection(peer, out var connection))
        {
            connection.SendRequest(request, hopCount);
            return;
        }

        while (true)
        {
            var state = _peers.GetOrAdd(peer, static address => new Peer(address));
            lock (state)
            {
                if (state.IsRemoved) continue;
                connection = state.Connection is { IsOpen: true } open ? open : null;
                if (connection is null)
                {
                    if (_disposed != 0)
                    {
                        request.TrySetException(new SiloUnavailableException($"This process is shutting down; the call to {peer} was not sent."));
                        return;
                    }

                    if (state.Connecting is null && BackingOff(state) is { } refused)
                    {
                        request.TrySetException(refused);
                        return;
                    }

                    state.Waiting.Add((request, hopCount));
                    ConnectLocked(state);
                    return;
                }
            }

            connection.SendRequest(request, hopCount);
            return;
        }
    }

    /// <summary>Pings <paramref name="silo"/> over its connection; false when it does not answer in time or cannot be reached.</summary>
    public async Task<bool> ProbeAsync(SiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var connection = await GetConnectionAsync(silo, deadline.Token).ConfigureAwait(false);
            return await connection.PingAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogDebug(exception, "Probe of {Silo} failed", silo);
            return false;
        }
    }

    /// <summary>
    /// Closes every connection with <paramref name="peer"/>, outbound and inbound, e.g. once the
    /// membership declared it dead: calls waiting on them fail at once instead of at their timeout.
    /// </summary>
    public void Disconnect(SiloAddress peer)
    {
        foreach (var connection in _connections.Keys)
        {
            if (connection.RemoteSilo == peer) connection.Abort(null, "disconnected locally");
        }
    }

    /// <summary>Stops listening and closes every connection; calls still waiting fail with <see cref="SiloUnavailableException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _shutdown.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _sweeper.DisposeAsync().ConfigureAwait(false);
        await _acceptLoop.ConfigureAwait(false);
        var connections = _connections.Keys.ToArray();
        foreach (var connection in connections) connection.Abort(null, "the connection manager is shutting down");
        await Task.WhenAll(connections.Select(c => c.Closed)).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    internal void OnConnectionClosed(Connection connection)
    {
        _connections.TryRemove(connection, out _);
        if (connection.IsInitiator && connection.RemoteSilo is { } peer && _peers.TryGetValue(peer, out var state))
        {
            lock (state)
            {
                if (ReferenceEquals(state.Connection, connection))
                {
                    state.Connection = null;

                    // Forget a peer nobody is calling, so silos that left do not accumulate here.
                    if (state.Connecting is null && state.Waiting.Count == 0)
                    {
                        state.IsRemoved = true;
                        _peers.TryRemove(KeyValuePair.Create(peer, state));
                    }
                }
            }
        }

        try
        {
            ConnectionClosed?.Invoke(connection);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "A ConnectionClosed handler failed for the {Connection}", connection);
        }
    }

    internal void Sweep()
    {
        foreach (var connection in _connections.Keys) connection.Sweep();
    }

    /// <summary>
    /// While the last attempt to reach <paramref name="state"/>'s peer failed less than its retry delay
    /// ago, the error a call fails with at once instead of connecting again; null when a new attempt
    /// may start. Call under its lock.
    /// </summary>
    private static SiloUnavailableException? BackingOff(Peer state)
    {
        var wait = state.RetryAt - Environment.TickCount64;
        if (wait <= 0) return null;
        return new SiloUnavailableException(
            $"Not connecting to {state.Address} for another {wait} ms: {state.FailedAttempts} attempt(s) in a row failed, the last with: {state.LastFailure}");
    }

    /// <summary>The connection attempt to <paramref name="state"/>'s peer, started if none is under way. Call under its lock.</summary>
    private Task<Connection> ConnectLocked(Peer state)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return state.Connecting ??= Task.Run(() => ConnectAndDrainAsync(state));
    }

    /// <summary>Opens the connection, sends the calls that waited for it in order, then publishes it for direct use.</summary>
    private async Task<Connection> ConnectAndDrainAsync(Peer state)
    {
        Connection connection;
        try
        {
            connection = await ConnectAsync(state.Address).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            List<(Request Request, int HopCount)> waiting;
            lock (state)
            {
                waiting = state.Waiting;
                state.Waiting = [];
                state.Connecting = null;
                state.FailedAttempts++;
                var delay = Math.Min(
                    _options.ConnectRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(state.FailedAttempts - 1, 30)),
                    _options.MaxConnectRetryDelay.TotalMilliseconds);
                state.RetryAt = Environment.TickCount64 + (long)delay;
                state.LastFailure = exception.Message;
            }

            // A fresh exception per call: one instance thrown from many tasks would mix their stack traces.
            foreach (var (request, _) in waiting)
            {
                request.TrySetException(exception switch
                {
                    ConnectionRejectedException rejected => new ConnectionRejectedException(rejected.Reason, rejected.InnerException),
                    SiloUnavailableException => new SiloUnavailableException(exception.Message),
                    _ => new SiloUnavailableException($"Could not connect to {state.Address}: {exception.Message}"),
                });
            }

            throw;
        }

        lock (state)
        {
            foreach (var (request, hopCount) in state.Waiting) connection.SendRequest(request, hopCount);
            state.Waiting.Clear();
            state.Connecting = null;
            state.FailedAttempts = 0;
            state.RetryAt = 0;
            if (connection.IsOpen) Volatile.Write(ref state.Connection, connection);
        }

        return connection;
    }

    private async Task<Connection> ConnectAsync(SiloAddress peer)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        Socket? socket = null;
        try
        {
            if (!IPAddress.TryParse(peer.Host, out var address))
            {
                var addresses = await Dns.GetHostAddressesAsync(peer.Host, timeout.Token).ConfigureAwait(false);
                address = addresses.Length > 0 ? addresses[0] : throw new SocketException((int)SocketError.HostNotFound);
            }

            var endPoint = new IPEndPoint(address, peer.Port);
            socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            socket?.Dispose();
            ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
            var why = exception is OperationCanceledException ? $"no connection within {_options.ConnectTimeout.TotalSeconds:0.###} s" : exception.Message;
            throw new SiloUnavailableException($"Could not connect to {peer}: {why}.");
        }

        try
        {
            return await EstablishAsync(socket, peer).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not ConnectionRejectedException)
        {
            ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
            var why = exception is OperationCanceledException ? $"no handshake within {_options.HandshakeTimeout.TotalSeconds:0.###} s" : exception.Message;
            throw new SiloUnavailableException($"Could not connect to {peer}: {why}.");
        }
        catch (ConnectionRejectedException exception)
        {
            _logger.LogWarning("{Peer} refused the connection: {Reason}", peer, exception.Reason);
            throw;
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_shutdown.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                _logger.LogWarning(exception, "Accepting a connection failed; still listening");
                continue;
            }

            socket.NoDelay = true;
            _ = AcceptAsync(socket);
        }
    }

    private async Task AcceptAsync(Socket socket)
    {
        var remote = socket.RemoteEndPoint;
        try
        {
            var connection = await EstablishAsync(socket, expectedPeer: null).ConfigureAwait(false);
            _logger.LogDebug("Accepted the {Connection} at {EndPoint}", connection, remote);
        }
        catch (ConnectionRejectedException exception)
        {
            _logger.LogWarning("Refused a connection from {EndPoint}: {Reason}", remote, exception.Reason);
        }
        catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested)
        {
            _logger.LogWarning("Cut off a connection from {EndPoint}: no handshake within {Timeout}", remote, _options.HandshakeTimeout);
        }
        catch (ProtocolViolationException exception)
        {
            _logger.LogWarning("Cut off a connection from {EndPoint}: protocol violation in the handshake: {Reason}", remote, exception.Message);
        }
        catch (Exception exception) when (!_shutdown.IsCancellationRequested)
        {
            _logger.LogWarning(exception, "Handshake with {EndPoint} failed", remote);
        }
        catch
        {
            // Shutting down.
        }
    }

    /// <summary>TLS if configured, then the handshake, within <see cref="NetworkingOptions.HandshakeTimeout"/>; then the connection starts.</summary>
    private async Task<Connection> EstablishAsync(Socket socket, SiloAddress? expectedPeer)
    {
        var initiator = expectedPeer is not null;
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
            timeout.CancelAfter(_options.HandshakeTimeout);
            if (_options.UseTls) stream = await AuthenticateAsync(stream, expectedPeer, timeout.Token).ConfigureAwait(false);

            var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: _options.ReceiveBufferSize, leaveOpen: true));
            // Segments as large as a batch: the pipe writes each segment to the stream separately, so a
            // batch in one segment is one system call.
            var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: _options.MaxBatchBytes, leaveOpen: true));
            ConnectionRole remoteRole;
            string remoteName;
            if (initiator)
            {
                remoteName = await Handshake.InitiateAsync(input, output, Local, _secret, expectedPeer!.ToString(), timeout.Token).ConfigureAwait(false);
                remoteRole = ConnectionRole.Silo;
            }
            else
            {
                (remoteRole, remoteName) = await Handshake.AcceptAsync(input, output, Local, _secret, timeout.Token).ConfigureAwait(false);
            }

            var remoteSilo = expectedPeer ?? (remoteRole == ConnectionRole.Silo ? TryParseSilo(remoteName) : null);
            var connection = new Connection(
                this, socket, stream, input, output, initiator, remoteRole, remoteName, remoteSilo,
                _registry, _grainFactory, _handler, _options, _loggers.CreateLogger<Connection>());
            _connections.TryAdd(connection, 0);
            connection.Start();
            if (_shutdown.IsCancellationRequested) connection.Abort(null, "the connection manager is shutting down");
            return connection;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<Stream> AuthenticateAsync(Stream inner, SiloAddress? server, CancellationToken cancellationToken)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        if (server is null)
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _options.ServerCertificate }, cancellationToken).ConfigureAwait(false);
            return tls;
        }

        string? presented = null;
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = server.Host,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        presented = certificate?.GetCertHashString(HashAlgorithmName.SHA256);
                        return certificate is not null
                            && (_allowedThumbprints.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256)) || _allowedThumbprints.Contains(certificate.GetCertHashString()));
                    },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException exception)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new ConnectionRejectedException(
                presented is null
                    ? $"TLS with {server} failed: {exception.Message}"
                    : $"{server} presented TLS certificate {presented}, which is not in NetworkingOptions.AllowedServerThumbprints",
                exception);
        }

        return tls;
    }

    private static SiloAddress? TryParseSilo(string text)
    {
        try
        {
            return SiloAddress.Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string NormalizeThumbprint(string thumbprint) =>
        thumbprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>What this manager knows of one peer silo it calls. Guarded by its own lock.</summary>
    private sealed class Peer(SiloAddress address)
    {
        public readonly SiloAddress Address = address;

        /// <summary>The open connection calls go straight to; published only after the waiting calls were sent on it.</summary>
        public Connection? Connection;

        /// <summary>The connection attempt under way, shared by everyone who needs it meanwhile.</summary>
        public Task<Connection>? Connecting;

        /// <summary>Calls made while connecting, in the order they were made.</summary>
        public List<(Request Request, int HopCount)> Waiting = [];

        /// <summary>Dropped from the peer table: callers holding it take a fresh one.</summary>
        public bool IsRemoved;

        /// <summary>Failed attempts in a row; each doubles the wait before the next (<see cref="NetworkingOptions.ConnectRetryDelay"/>).</summary>
        public int FailedAttempts;

        /// <summary><see cref="Environment.TickCount64"/> before which no new attempt starts; calls meanwhile fail at once.</summary>
        public long RetryAt;

        public string? LastFailure;
    }
}
