using System.Globalization;
using System.Net;

namespace Commerce.Runtime.Membership;

/// <summary>
/// A silo's identity: where it listens for other silos, and its generation (when it started). A
/// restarted silo on the same endpoint is a new identity, so a silo declared dead never comes back.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation) : IComparable<SiloAddress>
{
    public IPEndPoint ToEndPoint() =>
        new(IPAddress.TryParse(Host, out var ip) ? ip : Dns.GetHostAddresses(Host)[0], Port);

    /// <summary>A fresh generation: milliseconds since 2020, so it grows across restarts.</summary>
    public static long NewGeneration() => (DateTimeOffset.UtcNow - new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary><c>host:port@generation</c>, the form stored in the membership table.</summary>
    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}@{Generation.ToString(CultureInfo.InvariantCulture)}";

    public static SiloAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        var colon = at > 0 ? text.LastIndexOf(':', at - 1) : -1;
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            throw new FormatException($"'{text}' is not a silo address of the form host:port@generation.");
        return new SiloAddress(text[..colon], port, generation);
    }

    public int CompareTo(SiloAddress? other) => other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());
}
