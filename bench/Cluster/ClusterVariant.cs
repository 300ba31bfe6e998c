namespace Commerce.Bench.Cluster;

/// <summary>
/// The rounds of one cross-process variant: rates, one caller's loaded latencies, CPU per call of the client (the
/// bench process) and of the silos together, and the echo round run just before each round.
/// </summary>
internal sealed class ClusterVariant
{
    public const string Header = "| variant | median calls/s | min | max | echo rounds alongside (median) | vs echo (median of round pairs) | loaded p50 µs | loaded p99 µs | client CPU µs/call | silo CPU µs/call |";

    public const string Separator = "|---|---|---|---|---|---|---|---|---|---|";

    private readonly List<double> _p50 = [];
    private readonly List<double> _p99 = [];
    private readonly List<double> _clientCpu = [];
    private readonly List<double> _siloCpu = [];

    public List<double> Rates { get; } = [];

    /// <summary>What the row adds to the variant's name, e.g. how placement spread it.</summary>
    public string? Detail { get; init; }

    /// <summary>The echo round run just before each round of the variant.</summary>
    public List<double> Echo { get; } = [];

    /// <param name="latencies">One caller's latencies in µs, ascending; empty when the variant has none (silo to silo).</param>
    /// <param name="cpu">Stopped around the round: the bench process first, then the silos.</param>
    public void Add(double rate, double[] latencies, CpuMeter cpu)
    {
        var calls = rate * cpu.Wall.TotalSeconds;
        Rates.Add(rate);
        if (latencies.Length > 0)
        {
            _p50.Add(Stats.Percentile(latencies, 0.5));
            _p99.Add(Stats.Percentile(latencies, 0.99));
        }

        _clientCpu.Add(cpu.Cpu[0].TotalMicroseconds / calls);
        _siloCpu.Add(cpu.Cpu.Skip(1).Sum(t => t.TotalMicroseconds) / calls);
    }

    public string Describe() =>
        $"{(_p50.Count > 0 ? $"one caller's p50 {_p50[^1]:0} µs, p99 {_p99[^1]:0} µs; " : "")}CPU per call: client {_clientCpu[^1]:0.00} µs, silos {_siloCpu[^1]:0.00} µs; echo alongside {Echo[^1]:N0}/s ({Rates[^1] / Echo[^1]:0.00}x)";

    public string Row(string name)
    {
        var ratio = Stats.Median(Rates.Select((rate, i) => rate / Echo[i]));
        var p50 = _p50.Count > 0 ? Stats.Median(_p50).ToString("0") : "n/a";
        var p99 = _p99.Count > 0 ? Stats.Median(_p99).ToString("0") : "n/a";
        if (Detail is not null) name += $" ({Detail})";
        return $"| {name} | {Stats.Median(Rates):N0} | {Rates.Min():N0} | {Rates.Max():N0} | {Stats.Median(Echo):N0} | {ratio:0.00}x | {p50} | {p99} | {Stats.Median(_clientCpu):0.00} | {Stats.Median(_siloCpu):0.00} |";
    }
}
