using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Commerce.Bench.Cluster;

/// <summary>
/// The client half of the echo baseline: one connection carrying many concurrent calls, correlated by id. A call
/// queues its frame and awaits its response; one writer loop drains the queue into the socket and flushes once per
/// drain (write batching), one reader loop completes the calls its frames answer. Callers resume on the thread pool,
/// never on the reader. What any multiplexed RPC transport does per call, and nothing else.
/// </summary>
internal sealed class EchoClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<(long Id, int Value)> _outbox =
        Channel.CreateUnbounded<(long, int)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, TaskCompletionSource<int>> _pending = new();
    private readonly Task _writing;
    private readonly Task _reading;
    private long _nextId;

    private EchoClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: EchoFrames.BufferSize, leaveOpen: true));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: EchoFrames.BufferSize, leaveOpen: true));
        _writing = Task.Run(WriteLoopAsync);
        _reading = Task.Run(ReadLoopAsync);
    }

    public static async Task<EchoClient> ConnectAsync(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server);
        return new EchoClient(socket);
    }

    /// <summary>Sends <paramref name="value"/> and completes with the echoed value.</summary>
    public Task<int> PingAsync(int value)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        if (!_outbox.Writer.TryWrite((id, value)) && _pending.TryRemove(id, out _)) reply.TrySetException(new ObjectDisposedException(nameof(EchoClient)));
        return reply.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _writing;
        _socket.Shutdown(SocketShutdown.Both);
        await _reading;
        await _stream.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        var outbox = _outbox.Reader;
        try
        {
            while (await outbox.WaitToReadAsync())
            {
                while (outbox.TryRead(out var call)) EchoFrames.Write(_output, call.Id, call.Value);
                await _output.FlushAsync();
            }
        }
        finally
        {
            await _output.CompleteAsync();
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync();
                var buffer = result.Buffer;
                while (EchoFrames.TryRead(ref buffer, out var id, out var value))
                {
                    if (_pending.TryRemove(id, out var reply)) reply.TrySetResult(value);
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            failure = exception;
        }
        finally
        {
            await _input.CompleteAsync();
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var reply)) reply.TrySetException(failure ?? new IOException("The echo server closed the connection."));
            }
        }
    }
}
