using Orleans.Runtime;

namespace Commerce.Postgres.Streams;

/// <summary>
/// Maps a stream to its partition so that every process, on every platform and .NET version,
/// agrees: FNV-1a 64 over the UTF-16LE bytes of <c>namespace + '/' + key</c> (each char's low byte,
/// then its high byte; a stream without namespace hashes as an empty one), modulo the partition
/// count. <see cref="string.GetHashCode()"/> is randomized per process and must never be used for
/// this. The Orleans provider maps streams to queues with it (<see cref="PostgresStreamQueueMapper"/>),
/// so a stream's queue is the partition its events are appended to.
/// </summary>
public static class StreamPartitioner
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The stable 64-bit hash of <paramref name="stream"/>.</summary>
    public static ulong Hash(StreamId stream)
    {
        var (@namespace, key) = StreamIdText.Split(stream, nameof(stream));
        return Hash(@namespace, key);
    }

    /// <summary>The partition, in <c>[0, partitionCount)</c>, that holds <paramref name="stream"/>'s events.</summary>
    public static int GetPartition(StreamId stream, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (int)(Hash(stream) % (ulong)partitionCount);
    }

    /// <summary>The partition of the stream whose namespace and key are <paramref name="namespace"/> and <paramref name="key"/> as text.</summary>
    internal static int GetPartition(string @namespace, string key, int partitionCount) => (int)(Hash(@namespace, key) % (ulong)partitionCount);

    private static ulong Hash(string @namespace, string key)
    {
        var hash = OffsetBasis;
        hash = Append(hash, @namespace);
        hash = Append(hash, "/");
        return Append(hash, key);
    }

    private static ulong Append(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }
        return hash;
    }
}
