using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Registry;
using Commerce.Runtime.Scheduling;
using Commerce.Runtime.Serialization;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Networking;

/// <summary>
/// One authenticated TCP connection. The side that opened it sends requests and the side that
/// accepted it answers them, multiplexed by a 64-bit correlation id; either side may ping.
/// <para>
/// Writes are batched: producers (<see cref="SendRequest"/>, settled responses, pings) only enqueue;
/// one writer at a time encodes everything queued into the pipe and flushes once per batch; a reader
/// batch defers it to its end (see <see cref="ReaderBatch"/>). One reader
/// loop decodes frames straight out of the pipe's buffers and settles or hands over each message.
/// A malformed frame closes the connection; so does any I/O failure. Closing fails every call still
/// waiting on it with <see cref="SiloUnavailableException"/>, at once.
/// </para>
/// </summary>
public sealed class Connection : IRequestObserver, IDeferredFlush
{
    private readonly ConnectionManager _manager;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly GrainTypeRegistry _registry;
    private readonly IIncomingRequestHandler? _handler;
    private readonly ILogger _logger;
    private readonly int _maxFrameSize;
    private readonly int _maxBatchBytes;
    private readonly IThreadPoolWorkItem _writer;
    private readonly WireArgumentWriter _frame = new();
    private readonly WireArgumentReader _reader;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReaderBatch _batch;

    // Guarded by _queueGate: messages waiting for the writer (double-buffered: the writer swaps the
    // list out and encodes it without the lock), whether a writer owns the pipe (running, scheduled or
    // deferred to the end of a reader batch), and whether the connection takes no more writes.
    private readonly object _queueGate = new();
    private List<Outgoing> _queue = [];
    private List<Outgoing> _spare = [];
    private bool _writing;
    private bool _writesClosed;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guarded by _gate: the calls waiting for a response, the calls being answered, the pings in flight.
    private readonly object _gate = new();
    private readonly Dictionary<long, Request> _pending = new();
    // Keyed by correlation id, not by the request: hashing a fresh object's identity costs a trip into
    // the runtime on every call, a long costs nothing.
    private readonly Dictionary<long, Request> _incoming = new();
    private readonly Dictionary<long, TaskCompletionSource<bool>> _pings = new();
    private bool _isClosed;

    private long _lastId;

    /// <summary>Stopwatch timestamps taken once per batch, by the read loop and by the write loop.</summary>
    private long _now;
    private long _batchStarted;

    internal Connection(
        ConnectionManager manager,
        Socket socket,
        Stream stream,
        PipeReader input,
        PipeWriter output,
        bool isInitiator,
        ConnectionRole remoteRole,
        string remoteName,
        SiloAddress? remoteSilo,
        GrainTypeRegistry registry,
        IGrainFactory? grainFactory,
        IIncomingRequestHandler? handler,
        NetworkingOptions options,
        ILogger logger)
    {
        _manager = manager;
        _socket = socket;
        _stream = stream;
        _input = input;
        _output = output;
        _registry = registry;
        _handler = handler;
        _logger = logger;
        _maxFrameSize = options.MaxFrameSize;
        _maxBatchBytes = options.MaxBatchBytes;
        _reader = new WireArgumentReader(grainFactory, registry);
        IsInitiator = isInitiator;
        RemoteRole = remoteRole;
        RemoteName = remoteName;
        RemoteSilo = remoteSilo;
        RemoteEndPoint = socket.RemoteEndPoint;
        _writer = new WriterWorkItem(this);
        _batch = new ReaderBatch(options.RunTurnsOnReader);
    }

    /// <summary>True on the side that opened the connection: it sends requests, the other side answers.</summary>
    public bool IsInitiator { get; }

    public ConnectionRole RemoteRole { get; }

    /// <summary>The peer's silo address (string form) or client id, as proven in the handshake.</summary>
    public string RemoteName { get; }

    /// <summary>The peer's address when it is a silo.</summary>
    public SiloAddress? RemoteSilo { get; }

    public EndPoint? RemoteEndPoint { get; }

    public bool IsOpen => !Volatile.Read(ref _isClosed);

    /// <summary>Why the connection closed: null while open or when it closed normally (by either side).</summary>
    public Exception? CloseReason { get; private set; }

    /// <summary>Completes once the connection is closed and its socket released.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Calls waiting for their response.</summary>
    internal int PendingCount
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>Incoming calls not answered yet.</summary>
    internal int IncomingCount
    {
        get { lock (_gate) return _incoming.Count; }
    }

    /// <summary>
    /// Sends <paramref name="request"/> (its target, sender and context already stamped). Its response,
    /// when it comes, settles the request; if the connection closes first, the request fails with
    /// <see cref="SiloUnavailableException"/>. One-way requests get no response.
    /// </summary>
    /// <param name="request">The call; its response settles it.</param>
    /// <param name="hopCount">How many silos forwarded the request so far (0 from its caller).</param>
    public void SendRequest(Request request, int hopCount)
    {
        if (!IsInitiator) throw new InvalidOperationException("Only the side that opened a connection sends requests on it.");
        var id = Interlocked.Increment(ref _lastId);
        if (!request.IsOneWay)
        {
            lock (_gate)
            {
                if (!_isClosed) _pending.Add(id, request);
            }
        }

        if (!IsOpen)
        {
            request.TrySetException(Lost());
            return;
        }

        if (!Enqueue(new Outgoing(FrameKind.Request, id, request, hopCount)))
            request.TrySetException(Lost());
    }

    /// <summary>
    /// Answers the incoming call <paramref name="correlationId"/> with the outcome of <paramref name="request"/>,
    /// which must be settled. Not needed while the connection is the request's observer: then the
    /// response leaves on its own when the request settles.
    /// </summary>
    public void SendResponse(long correlationId, Request request)
    {
        if (!request.IsSettled) throw new InvalidOperationException($"{request} has no outcome to send yet.");
        lock (_gate)
        {
            _incoming.Remove(correlationId);
        }

        Enqueue(new Outgoing(FrameKind.Response, correlationId, request, 0));
    }

    /// <summary>Round-trips a ping; false when the connection closed before the pong came.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastId);
        var pong = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_isClosed) return false;
            _pings.Add(id, pong);
        }

        try
        {
            if (!Enqueue(new Outgoing(FrameKind.Ping, id, null, 0))) return false;
            return await pong.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _pings.Remove(id);
            }
        }
    }

    /// <summary>Closes the connection now; calls waiting on it fail with <see cref="SiloUnavailableException"/>.</summary>
    public void Close() => Abort(null, "closed locally");

    public override string ToString() => $"{(IsInitiator ? "connection to" : "connection from")} {RemoteRole} {RemoteName}";

    internal void Start() => _ = RunAsync();

    /// <summary>
    /// Forgets calls that were settled without their response (their caller timed out), and gives up
    /// incoming calls whose caller's deadline has passed, so that neither accumulates.
    /// </summary>
    internal void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        List<Request>? expired = null;
        lock (_gate)
        {
            foreach (var (id, request) in _pending)
            {
                if (request.IsSettled) _pending.Remove(id);
            }

            foreach (var (correlationId, request) in _incoming)
            {
                if (request.Deadline == 0 || request.Deadline > now) continue;
                _incoming.Remove(correlationId);
                (expired ??= []).Add(request);
            }
        }

        if (expired is null) return;
        foreach (var request in expired)
        {
            // Settled so that an activation still holding it drops it instead of running it for nobody.
            request.TrySetException(new TimeoutException($"The caller of {request} stopped waiting before it was answered."));
        }
    }

    /// <summary>Closes the connection once; every waiting call and ping fails, and the manager is told.</summary>
    internal void Abort(Exception? reason, string description)
    {
        Request[] pending;
        TaskCompletionSource<bool>[] pings;
        lock (_gate)
        {
            if (_isClosed) return;
            _isClosed = true;
            CloseReason = reason;
            pending = [.. _pending.Values];
            pings = [.. _pings.Values];
            _pending.Clear();
            _pings.Clear();
            _incoming.Clear();
        }

        List<Outgoing> unsent;
        lock (_queueGate)
        {
            _writesClosed = true;
            unsent = _queue;
            _queue = [];
            if (!_writing) _writerStopped.TrySetResult();
        }

        _input.CancelPendingRead();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _socket.Dispose();

        foreach (var request in pending) request.TrySetException(Lost(description));
        foreach (var ping in pings) ping.TrySetResult(false);

        // Two-way calls among them failed with the pending ones; one-way ones fail here so their loss is logged.
        foreach (var message in unsent)
        {
            if (message is { Kind: FrameKind.Request, Request: { IsOneWay: true } request }) request.TrySetException(Lost(description));
        }

        if (reason is null) _logger.LogDebug("Closed the {Connection}: {Reason}", this, description);
        else _logger.LogWarning(reason, "Closed the {Connection}: {Reason}", this, description);
        _manager.OnConnectionClosed(this);
    }

    void IRequestObserver.OnResponded(Request request)
    {
        var correlationId = request.CorrelationId;
        lock (_gate)
        {
            // Gone when the caller's deadline passed (swept) or the connection closed: nobody waits.
            if (!_incoming.Remove(correlationId)) return;
        }

        Enqueue(new Outgoing(FrameKind.Response, correlationId, request, 0));
    }

    void IRequestObserver.OnOneWayFailed(Request request, Exception exception) =>
        _logger.LogWarning(exception, "One-way call {Request} from {Peer} failed", request, RemoteName);

    private SiloUnavailableException Lost(string? description = null) =>
        new($"The {this} was lost{(description is null ? "" : $" ({description})")}; the call may be retried.");

    private async Task RunAsync()
    {
        await ReadLoopAsync().ConfigureAwait(false);

        // The read loop ends only once the connection is closed; a writer still flushing finds out and stops.
        await _writerStopped.Task.ConfigureAwait(false);
        try
        {
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Completing the pipes flushes into a socket that is already closed; nothing is lost that
            // the close did not already fail.
            _logger.LogDebug(exception, "Releasing the {Connection} failed", this);
        }
        finally
        {
            _frame.Dispose();
            _reader.Dispose();
            _closed.TrySetResult();
        }
    }

    // ---- reading ----

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled) return;
                var buffer = result.Buffer;

                // One clock read per batch of frames: deadlines are in milliseconds, a batch takes microseconds.
                _now = Stopwatch.GetTimestamp();
                _batch.Begin();
                try
                {
                    var frames = 0;
                    while (Frames.TryRead(ref buffer, _maxFrameSize, out var kind, out var payload))
                    {
                        OnFrame(kind, payload);
                        if (++frames % ReaderBatch.FramesPerFlush == 0) _batch.Flush();
                    }
                }
                finally
                {
                    _batch.End();
                }

                var incomplete = !buffer.IsEmpty;
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (!result.IsCompleted) continue;
                if (incomplete) throw new ProtocolViolationException("The peer closed the connection in the middle of a frame.");
                Abort(null, "closed by the peer");
                return;
            }
        }
        catch (ProtocolViolationException exception)
        {
            Abort(exception, $"protocol violation: {exception.Message}");
        }
        catch (Exception exception) when (IsOpen)
        {
            Abort(exception, $"read failed: {exception.Message}");
        }
        catch
        {
            // Closed locally while reading.
        }
    }

    private void OnFrame(FrameKind kind, in ReadOnlySequence<byte> payload)
    {
        _reader.Reset(payload);
        try
        {
            switch (kind)
            {
                case FrameKind.Request when !IsInitiator:
                    OnRequest();
                    break;
                case FrameKind.Response when IsInitiator:
                    OnResponse();
                    break;
                case FrameKind.Ping:
                    Enqueue(new Outgoing(FrameKind.Pong, (long)_reader.ReadVarUInt64(), null, 0));
                    break;
                case FrameKind.Pong:
                    OnPong((long)_reader.ReadVarUInt64());
                    break;
                default:
                    throw new ProtocolViolationException($"Unexpected {kind} frame on the {this}.");
            }
        }
        catch (WireFormatException exception)
        {
            throw new ProtocolViolationException($"Malformed {kind} frame: {exception.Message}");
        }
    }

    private void OnRequest()
    {
        var envelope = MessageCodec.ReadRequestEnvelope(_reader);
        Request request;
        try
        {
            request = _registry.GetRequestFactory(envelope.InterfaceId, envelope.MethodId)();
            MessageCodec.ReadRequestBody(_reader, request, envelope, _now);
        }
        catch (Exception exception)
        {
            // The frame was well formed; only this call cannot be served (e.g. a grain interface this
            // silo does not have). Its caller hears why; the connection goes on.
            _logger.LogWarning(exception, "Could not materialize request {InterfaceId}.{MethodId} to {Target} from {Peer}", envelope.InterfaceId, envelope.MethodId, envelope.TargetId, RemoteName);
            if (!envelope.IsOneWay) Enqueue(new Outgoing(FrameKind.Response, envelope.CorrelationId, null, 0, exception));
            return;
        }

        if (!envelope.IsOneWay)
        {
            request.PrepareInlineResponse();
            request.CorrelationId = envelope.CorrelationId;
            lock (_gate)
            {
                if (_isClosed) return;
                if (!_incoming.TryAdd(envelope.CorrelationId, request))
                    throw new ProtocolViolationException($"Request {envelope.CorrelationId} arrived while a request with the same correlation id is being answered.");
            }
        }

        request.Observer = this;
        try
        {
            if (_handler is null) throw new InvalidOperationException("This process does not take requests.");
            _handler.OnRequest(new IncomingRequest(request, envelope.CorrelationId, envelope.HopCount, TimeSpan.FromMilliseconds(envelope.TimeoutMilliseconds)), this);
        }
        catch (Exception exception)
        {
            request.TrySetException(exception);
        }
    }

    private void OnResponse()
    {
        var correlationId = (long)_reader.ReadVarUInt64();
        var status = _reader.ReadByte();
        if (status is not (MessageCodec.StatusOk or MessageCodec.StatusException)) throw new WireFormatException($"Unknown response status {status}.");

        Request? request;
        lock (_gate)
        {
            _pending.Remove(correlationId, out request);
        }

        // Unknown: its caller timed out and the entry was swept, or it was never ours. Either way, nobody waits.
        if (request is null) return;

        try
        {
            if (status == MessageCodec.StatusOk)
            {
                request.TrySetResultFrom(_reader);
            }
            else
            {
                request.TrySetException(WireExceptionCodec.Read(_reader));
            }
        }
        catch (Exception exception)
        {
            request.TrySetException(new WireFormatException($"The response to {request} could not be decoded: {exception.Message}", exception));
        }
    }

    private void OnPong(long id)
    {
        TaskCompletionSource<bool>? pong;
        lock (_gate)
        {
            _pings.Remove(id, out pong);
        }

        pong?.TrySetResult(true);
    }

    // ---- writing ----

    /// <summary>
    /// Queues a message for the writer; false once the connection takes no more writes. The first
    /// message queued while no writer owns the pipe starts one: at the end of the current reader batch
    /// when queued from inside one (so a batch's responses leave in one flush, from the reader's own
    /// thread), else on the thread pool.
    /// </summary>
    private bool Enqueue(in Outgoing message)
    {
        lock (_queueGate)
        {
            if (_writesClosed) return false;
            _queue.Add(message);
            if (_writing) return true;
            _writing = true;
        }

        if (!ReaderBatch.TryDefer(this)) ThreadPool.UnsafeQueueUserWorkItem(_writer, preferLocal: false);
        return true;
    }

    void IDeferredFlush.Flush() => _ = WriteAsync();

    /// <summary>Encodes and flushes everything queued, batch after batch, until the queue is empty or the connection closes.</summary>
    private async Task WriteAsync()
    {
        try
        {
            while (TakeQueued() is { } batch)
            {
                _batchStarted = Stopwatch.GetTimestamp();
                for (var i = 0; i < batch.Count; i++)
                {
                    Encode(batch[i]);
                    if (_output.UnflushedBytes >= _maxBatchBytes && (await _output.FlushAsync().ConfigureAwait(false)).IsCompleted) break;
                }

                batch.Clear();
                if ((await _output.FlushAsync().ConfigureAwait(false)).IsCompleted) Abort(null, "the output was completed");
            }
        }
        catch (Exception exception) when (IsOpen)
        {
            Abort(exception, $"write failed: {exception.Message}");
            StopWriting();
        }
        catch
        {
            // Closed locally while writing.
            StopWriting();
        }
    }

    /// <summary>The queued messages, swapped out for the writer; null (and the writer stops) when there are none or the connection closed.</summary>
    private List<Outgoing>? TakeQueued()
    {
        lock (_queueGate)
        {
            if (_writesClosed || _queue.Count == 0)
            {
                StopWritingLocked();
                return null;
            }

            var batch = _queue;
            _queue = _spare;
            _spare = batch;
            return batch;
        }
    }

    private void StopWriting()
    {
        lock (_queueGate) StopWritingLocked();
    }

    private void StopWritingLocked()
    {
        _writing = false;
        if (_writesClosed) _writerStopped.TrySetResult();
    }

    private void Encode(in Outgoing message)
    {
        switch (message.Kind)
        {
            case FrameKind.Request:
                EncodeRequest(message.Id, message.Request!, message.HopCount);
                break;
            case FrameKind.Response:
                EncodeResponse(message.Id, message.Request, message.Error);
                break;
            default:
                _frame.Reset();
                var start = Frames.Begin(_frame, message.Kind);
                _frame.WriteVarUInt64((ulong)message.Id);
                Frames.End(_frame, start, _maxFrameSize);
                _output.Write(_frame.WrittenSpan);
                break;
        }
    }

    private void EncodeRequest(long id, Request request, int hopCount)
    {
        if (request.IsSettled)
        {
            // Its caller gave up while it was queued: not worth sending.
            Forget(id);
            return;
        }

        _frame.Reset();
        try
        {
            var start = Frames.Begin(_frame, FrameKind.Request);
            MessageCodec.WriteRequest(_frame, MessageCodec.EnvelopeOf(request, id, _registry.GetInterfaceId(request.InterfaceType), hopCount, _batchStarted), request);
            Frames.End(_frame, start, _maxFrameSize);
        }
        catch (Exception exception)
        {
            // Arguments that cannot be serialized fail their own call, not the connection.
            Forget(id);
            request.TrySetException(exception);
            return;
        }

        _output.Write(_frame.WrittenSpan);
    }

    private void EncodeResponse(long id, Request? request, Exception? error)
    {
        _frame.Reset();
        var start = Frames.Begin(_frame, FrameKind.Response);
        var header = _frame.WrittenCount;
        if (error is null)
        {
            try
            {
                MessageCodec.WriteResponseHeader(_frame, id, MessageCodec.StatusOk);

                // Throws the call's exception (wrapped) when it failed, before writing anything.
                request!.WriteResult(_frame);
                Frames.End(_frame, start, _maxFrameSize);
                _output.Write(_frame.WrittenSpan);
                return;
            }
            catch (Exception exception)
            {
                error = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
                _frame.Truncate(header);
            }
        }

        MessageCodec.WriteResponseHeader(_frame, id, MessageCodec.StatusException);
        var body = _frame.WrittenCount;
        try
        {
            WireExceptionCodec.Write(_frame, error);
            Frames.End(_frame, start, _maxFrameSize);
        }
        catch (InvalidOperationException tooLarge)
        {
            _frame.Truncate(body);
            WireExceptionCodec.Write(_frame, new InvalidOperationException($"The call failed with {error.GetType().FullName}, too large to send: {tooLarge.Message}"));
            Frames.End(_frame, start, _maxFrameSize);
        }

        _output.Write(_frame.WrittenSpan);
    }

    private void Forget(long id)
    {
        lock (_gate)
        {
            _pending.Remove(id);
        }
    }

    /// <summary>A queued message: what the writer encodes.</summary>
    private readonly record struct Outgoing(FrameKind Kind, long Id, Request? Request, int HopCount, Exception? Error = null);

    /// <summary>The writer as a thread-pool work item, allocated once per connection.</summary>
    private sealed class WriterWorkItem(Connection connection) : IThreadPoolWorkItem
    {
        public void Execute() => _ = connection.WriteAsync();
    }
}
