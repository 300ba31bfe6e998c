using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.Networking;

/// <summary>
/// The first frames of every connection, before any call:
/// <list type="number">
/// <item>initiator: Hello {protocol version, cluster id, role, identity, 32-byte nonce};</item>
/// <item>acceptor: Welcome {protocol version, cluster id, its silo address, 32-byte nonce}, or Reject {reason};</item>
/// <item>initiator: Proof = HMAC-SHA256(secret, transcript || 1);</item>
/// <item>acceptor: Proof = HMAC-SHA256(secret, transcript || 2), or Reject {reason}.</item>
/// </list>
/// The transcript binds the version, the cluster id, both identities and both nonces, so a proof
/// cannot be replayed on another connection or reflected to the other side. Proofs are compared in
/// constant time. A refusal raises <see cref="ConnectionRejectedException"/> on both sides.
/// </summary>
internal static class Handshake
{
    public const int ProtocolVersion = 1;

    private const int NonceSize = 32;

    /// <summary>Handshake frames are small; a peer that has not authenticated may not make us buffer more.</summary>
    private const int MaxFrameSize = 4096;

    private const byte InitiatorSide = 1;
    private const byte AcceptorSide = 2;

    private static ReadOnlySpan<byte> TranscriptLabel => "commerce-runtime-handshake"u8;

    /// <summary>
    /// Runs the initiator's side; returns the acceptor's identity. <paramref name="expectedPeer"/> is
    /// the silo address the initiator meant to reach: another silo at that endpoint (e.g. a restarted
    /// one with a new generation) is refused.
    /// </summary>
    public static async Task<string> InitiateAsync(PipeReader input, PipeWriter output, TransportIdentity local, byte[] secret, string? expectedPeer, CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        using var writer = new WireArgumentWriter();
        var start = Frames.Begin(writer, FrameKind.Hello);
        writer.WriteVarUInt64(ProtocolVersion);
        writer.WriteString(local.ClusterId);
        writer.WriteByte((byte)local.Role);
        writer.WriteString(local.Name);
        writer.WriteRaw(nonce);
        await SendAsync(output, writer, start, cancellationToken).ConfigureAwait(false);

        using var reader = new WireArgumentReader();
        reader.Reset(await ReadAsync(input, FrameKind.Welcome, cancellationToken).ConfigureAwait(false));
        var version = reader.ReadVarUInt64();
        var clusterId = reader.ReadString();
        var acceptor = reader.ReadString() ?? throw new ProtocolViolationException("The Welcome frame has no identity.");
        var acceptorNonce = reader.ReadRaw(NonceSize).ToArray();
        if (version != ProtocolVersion) throw new ConnectionRejectedException($"the peer speaks protocol version {version}, this process {ProtocolVersion}");
        if (clusterId != local.ClusterId) throw new ConnectionRejectedException($"the peer belongs to cluster '{clusterId}', not '{local.ClusterId}'");
        if (expectedPeer is not null && acceptor != expectedPeer) throw new ConnectionRejectedException($"the peer is {acceptor}, not {expectedPeer}");

        var transcript = Transcript(local.ClusterId, local.Role, local.Name, acceptor, nonce, acceptorNonce);
        writer.Reset();
        start = Frames.Begin(writer, FrameKind.Proof);
        writer.WriteRaw(Prove(secret, transcript, InitiatorSide));
        await SendAsync(output, writer, start, cancellationToken).ConfigureAwait(false);

        reader.Reset(await ReadAsync(input, FrameKind.Proof, cancellationToken).ConfigureAwait(false));
        if (!Verify(secret, transcript, AcceptorSide, reader))
            throw new ConnectionRejectedException($"{acceptor} could not prove it knows the cluster secret");
        return acceptor;
    }

    /// <summary>Runs the acceptor's side; returns the initiator's role and identity. Refusals are sent to the initiator before they are thrown.</summary>
    public static async Task<(ConnectionRole Role, string Name)> AcceptAsync(PipeReader input, PipeWriter output, TransportIdentity local, byte[] secret, CancellationToken cancellationToken)
    {
        using var reader = new WireArgumentReader();
        reader.Reset(await ReadAsync(input, FrameKind.Hello, cancellationToken).ConfigureAwait(false));
        ulong version;
        string? clusterId;
        ConnectionRole role;
        string? initiator;
        byte[] initiatorNonce;
        try
        {
            version = reader.ReadVarUInt64();
            clusterId = reader.ReadString();
            role = (ConnectionRole)reader.ReadByte();
            initiator = reader.ReadString();
            initiatorNonce = reader.ReadRaw(NonceSize).ToArray();
        }
        catch (WireFormatException exception)
        {
            throw new ProtocolViolationException($"Malformed Hello frame: {exception.Message}");
        }

        using var writer = new WireArgumentWriter();
        if (version != ProtocolVersion)
            await RejectAsync(output, writer, $"protocol version {version} is not supported; this silo speaks {ProtocolVersion}", cancellationToken).ConfigureAwait(false);
        if (clusterId != local.ClusterId)
            await RejectAsync(output, writer, $"this silo belongs to cluster '{local.ClusterId}', not '{clusterId}'", cancellationToken).ConfigureAwait(false);
        if (role is not (ConnectionRole.Silo or ConnectionRole.Client) || string.IsNullOrWhiteSpace(initiator))
            await RejectAsync(output, writer, "the Hello frame has no valid role and identity", cancellationToken).ConfigureAwait(false);

        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var start = Frames.Begin(writer, FrameKind.Welcome);
        writer.WriteVarUInt64(ProtocolVersion);
        writer.WriteString(local.ClusterId);
        writer.WriteString(local.Name);
        writer.WriteRaw(nonce);
        await SendAsync(output, writer, start, cancellationToken).ConfigureAwait(false);

        var transcript = Transcript(local.ClusterId, role, initiator!, local.Name, initiatorNonce, nonce);
        reader.Reset(await ReadAsync(input, FrameKind.Proof, cancellationToken).ConfigureAwait(false));
        if (!Verify(secret, transcript, InitiatorSide, reader))
            await RejectAsync(output, writer, "authentication failed: the cluster secret does not match", cancellationToken).ConfigureAwait(false);

        writer.Reset();
        start = Frames.Begin(writer, FrameKind.Proof);
        writer.WriteRaw(Prove(secret, transcript, AcceptorSide));
        await SendAsync(output, writer, start, cancellationToken).ConfigureAwait(false);
        return (role, initiator!);
    }

    private static byte[] Transcript(string clusterId, ConnectionRole initiatorRole, string initiator, string acceptor, byte[] initiatorNonce, byte[] acceptorNonce)
    {
        using var writer = new WireArgumentWriter();
        writer.WriteRaw(TranscriptLabel);
        writer.WriteVarUInt64(ProtocolVersion);
        writer.WriteString(clusterId);
        writer.WriteByte((byte)initiatorRole);
        writer.WriteString(initiator);
        writer.WriteString(acceptor);
        writer.WriteRaw(initiatorNonce);
        writer.WriteRaw(acceptorNonce);
        return writer.WrittenSpan.ToArray();
    }

    private static byte[] Prove(byte[] secret, byte[] transcript, byte side)
    {
        var message = new byte[transcript.Length + 1];
        transcript.CopyTo(message, 0);
        message[^1] = side;
        return HMACSHA256.HashData(secret, message);
    }

    private static bool Verify(byte[] secret, byte[] transcript, byte side, WireArgumentReader proof)
    {
        if (proof.Remaining != HMACSHA256.HashSizeInBytes) return false;
        return CryptographicOperations.FixedTimeEquals(Prove(secret, transcript, side), proof.ReadRaw(HMACSHA256.HashSizeInBytes));
    }

    private static async Task RejectAsync(PipeWriter output, WireArgumentWriter writer, string reason, CancellationToken cancellationToken)
    {
        writer.Reset();
        var start = Frames.Begin(writer, FrameKind.Reject);
        writer.WriteString(reason);
        try
        {
            await SendAsync(output, writer, start, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The initiator may already be gone; the refusal stands either way.
        }

        throw new ConnectionRejectedException(reason);
    }

    private static async Task SendAsync(PipeWriter output, WireArgumentWriter writer, int start, CancellationToken cancellationToken)
    {
        Frames.End(writer, start, MaxFrameSize);
        await output.WriteAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next frame, which must be of kind <paramref name="expected"/> (or a Reject, which is thrown).</summary>
    private static async Task<byte[]> ReadAsync(PipeReader input, FrameKind expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (Frames.TryRead(ref buffer, MaxFrameSize, out var kind, out var payload))
            {
                var bytes = payload.ToArray();
                input.AdvanceTo(buffer.Start);
                if (kind == FrameKind.Reject) throw new ConnectionRejectedException(ReasonOf(bytes));
                if (kind != expected) throw new ProtocolViolationException($"Expected a {expected} frame in the handshake, got {kind}.");
                return bytes;
            }

            if (result.IsCompleted) throw new IOException("The peer closed the connection during the handshake.");
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static string ReasonOf(byte[] payload)
    {
        using var reader = new WireArgumentReader();
        reader.Reset(payload);
        try
        {
            return reader.ReadString() ?? "no reason given";
        }
        catch (WireFormatException)
        {
            return "no readable reason given";
        }
    }
}
