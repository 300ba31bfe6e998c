namespace Commerce.Bench;

/// <summary>Knobs of the benchmarks, from command-line options (see Program).</summary>
internal sealed record BenchSettings
{
    public int Grains { get; init; } = 10_000;

    public int Callers { get; init; } = 256;

    public int Seconds { get; init; } = 5;

    public int Rounds { get; init; } = 3;

    /// <summary>
    /// Seconds of load before the first measured round of a variant (in-silo calls and cross-process
    /// calls): processes start fresh, and tiered compilation keeps rejitting the hot path for several
    /// seconds under load.
    /// </summary>
    public int WarmUpSeconds { get; init; } = 5;

    public int LatencyCalls { get; init; } = 200_000;

    public int Activations { get; init; } = 1_000_000;

    public static BenchSettings Parse(IEnumerable<string> options)
    {
        var settings = new BenchSettings();
        foreach (var option in options)
        {
            var (name, value) = option.Split('=', 2) is [var n, var v] ? (n, int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)) : throw new ArgumentException($"Options are --name=value; got '{option}'.");
            settings = name switch
            {
                "--grains" => settings with { Grains = value },
                "--callers" => settings with { Callers = value },
                "--seconds" => settings with { Seconds = value },
                "--rounds" => settings with { Rounds = value },
                "--warmup" => settings with { WarmUpSeconds = value },
                "--latency-calls" => settings with { LatencyCalls = value },
                "--activations" => settings with { Activations = value },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return settings;
    }
}
