namespace Commerce.Runtime.Postgres.Streams;

/// <summary>
/// Maps a stream to its partition so that every process, on every platform and .NET version,
/// agrees: FNV-1a 64 over the UTF-16LE bytes of <c>namespace + '/' + key</c> (each char's low byte,
/// then its high byte), modulo the partition count. <see cref="string.GetHashCode()"/> is randomized
/// per process and must never be used for this.
/// </summary>
public static class StreamPartitioner
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The stable 64-bit hash of <paramref name="stream"/>.</summary>
    public static ulong Hash(StreamId stream)
    {
        if (stream.IsDefault) throw new ArgumentException("A stream id is required.", nameof(stream));
        var hash = OffsetBasis;
        hash = Append(hash, stream.Namespace);
        hash = Append(hash, "/");
        return Append(hash, stream.Key);
    }

    /// <summary>The partition, in <c>[0, partitionCount)</c>, that holds <paramref name="stream"/>'s events.</summary>
    public static int GetPartition(StreamId stream, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (int)(Hash(stream) % (ulong)partitionCount);
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
