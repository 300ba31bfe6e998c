using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Serialization;

namespace Commerce.Bench.Cluster;

/// <summary>
/// The server half of the echo baseline: the transport's framing and handshake with nothing above
/// them. Each request frame is answered with a response frame carrying the same correlation id and,
/// as its result, the request's argument bytes unchanged (for <c>PingAsync(int)</c> the result is the
/// argument). All frames of one read are answered, then flushed once: the same batching as a connection.
/// </summary>
internal sealed class RawEchoServer : IAsyncDisposable
{
    /// <summary>Buffer sizes as a connection uses them by default.</summary>
    private static readonly NetworkingOptions Defaults = new();

    private readonly Socket _listener;
    private readonly TransportIdentity _identity;
    private readonly byte[] _secret;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public RawEchoServer(TransportIdentity identity, string secret, IPEndPoint endPoint)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(endPoint);
        _listener.Listen();
        var port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _identity = TransportIdentity.ForSilo(identity.ClusterId, identity.Silo! with { Port = port });
        _accepting = AcceptAsync();
    }

    /// <summary>The address clients connect to, with the port the listener got.</summary>
    public TransportIdentity Identity => _identity;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: Defaults.ReceiveBufferSize, leaveOpen: true));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: Defaults.MaxBatchBytes, leaveOpen: true));
        using var frame = new WireArgumentWriter();
        using var reader = new WireArgumentReader();
        try
        {
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
            {
                handshake.CancelAfter(Defaults.HandshakeTimeout);
                await Handshake.AcceptAsync(input, output, _identity, _secret, handshake.Token);
            }

            while (true)
            {
                var result = await input.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                while (Frames.TryRead(ref buffer, int.MaxValue, out var kind, out var payload))
                {
                    reader.Reset(payload);
                    frame.Reset();
                    if (kind == FrameKind.Request)
                    {
                        var envelope = MessageCodec.ReadRequestEnvelope(reader);
                        var start = Frames.Begin(frame, FrameKind.Response);
                        MessageCodec.WriteResponseHeader(frame, envelope.CorrelationId, MessageCodec.StatusOk);
                        frame.WriteRaw(reader.ReadRaw(reader.Remaining));
                        Frames.End(frame, start, int.MaxValue);
                    }
                    else if (kind == FrameKind.Ping)
                    {
                        var start = Frames.Begin(frame, FrameKind.Pong);
                        frame.WriteVarUInt64(reader.ReadVarUInt64());
                        Frames.End(frame, start, int.MaxValue);
                    }

                    output.Write(frame.WrittenSpan);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                await output.FlushAsync(_stop.Token);
                if (result.IsCompleted) return;
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException or ConnectionRejectedException)
        {
            // The client left, or the benchmark is over.
        }
        finally
        {
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }
}
