namespace Commerce.Runtime.Placement;

/// <summary>
/// 64-bit hashes that are the same in every process (string.GetHashCode is randomized per process,
/// and every silo and client must agree on where a grain lives).
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static ulong Of(GrainId grainId)
    {
        var hash = Append(FnvOffset, grainId.Type.Value);
        hash = (hash ^ '/') * FnvPrime;
        return Mix(Append(hash, grainId.Key));
    }

    public static ulong Of(string text) => Mix(Append(FnvOffset, text));

    /// <summary>splitmix64's finalizer: spreads FNV's weak low bits over the whole word.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xBF58476D1CE4E5B9;
        value ^= value >> 27;
        value *= 0x94D049BB133111EB;
        value ^= value >> 31;
        return value;
    }

    private static ulong Append(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return hash;
    }
}
