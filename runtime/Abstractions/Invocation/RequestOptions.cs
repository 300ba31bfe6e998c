namespace Commerce.Runtime;

/// <summary>How the runtime schedules and answers a request; set by the generator from method attributes.</summary>
[Flags]
public enum RequestOptions
{
    None = 0,

    /// <summary><see cref="ReadOnlyAttribute"/>: interleaves with other read-only requests.</summary>
    ReadOnly = 1,

    /// <summary><see cref="AlwaysInterleaveAttribute"/>: interleaves with anything.</summary>
    AlwaysInterleave = 2,

    /// <summary><see cref="OneWayAttribute"/>: no response.</summary>
    OneWay = 4,
}
