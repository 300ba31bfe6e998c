using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Networking;

namespace Commerce.Runtime.Tests.Networking;

/// <summary>A hand-driven TCP peer: performs the real handshake (or not), then sends whatever bytes a test wants.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawPeer(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public static async Task<RawPeer> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        return new RawPeer(socket);
    }

    /// <summary>Connects and authenticates as a client of <paramref name="server"/>'s cluster, as a real client would.</summary>
    public static async Task<RawPeer> ConnectAuthenticatedAsync(TestServer server)
    {
        var peer = await ConnectAsync(server.EndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Handshake.InitiateAsync(
            peer.Input,
            peer.Output,
            TransportIdentity.ForClient(TestServer.ClusterId, "raw-peer"),
            Encoding.UTF8.GetBytes(TestServer.Secret),
            server.Address.ToString(),
            timeout.Token);
        return peer;
    }

    public async Task SendAsync(byte[] bytes)
    {
        await Output.WriteAsync(bytes);
    }

    /// <summary>Stops sending (a FIN), keeping the receiving side open.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>True when the other side closed the connection (end of stream or reset) within <paramref name="within"/>.</summary>
    public async Task<bool> IsClosedByPeerAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                var result = await Input.ReadAsync(timeout.Token);
                Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted) return true;
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The next whole frame the other side sends.</summary>
    public async Task<(byte Kind, byte[] Payload)> ReadFrameAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            var result = await Input.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            if (Frames.TryRead(ref buffer, int.MaxValue, out var kind, out var payload))
            {
                var frame = ((byte)kind, payload.ToArray());
                Input.AdvanceTo(buffer.Start);
                return frame;
            }

            if (result.IsCompleted) throw new IOException("The connection closed before a whole frame arrived.");
            Input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>A frame header: the length of the rest (kind byte included) and the kind.</summary>
    public static byte[] Header(uint lengthOfRest, byte kind)
    {
        var header = new byte[5];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header, lengthOfRest);
        header[4] = kind;
        return header;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Input.CompleteAsync();
            await Output.CompleteAsync();
        }
        catch (IOException)
        {
            // The server closed the connection: nothing left to flush.
        }

        await _stream.DisposeAsync();
    }
}
