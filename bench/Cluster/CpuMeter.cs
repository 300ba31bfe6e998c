using System.Diagnostics;

namespace Commerce.Bench.Cluster;

/// <summary>
/// CPU time of whole processes (their loops, thread pool and GC) over a measured window, next to
/// its wall time. On a shared machine CPU per operation is steadier than operations per second.
/// </summary>
internal sealed class CpuMeter(params Process[] processes)
{
    private TimeSpan[] _started = [];
    private long _startedAt;

    /// <summary>CPU time of each process, in the order given, over the last window.</summary>
    public TimeSpan[] Cpu { get; private set; } = [];

    public TimeSpan Wall { get; private set; }

    public void Start()
    {
        _started = Read();
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void Stop()
    {
        Wall = Stopwatch.GetElapsedTime(_startedAt);
        var now = Read();
        Cpu = new TimeSpan[now.Length];
        for (var i = 0; i < now.Length; i++) Cpu[i] = now[i] - _started[i];
    }

    private TimeSpan[] Read()
    {
        var times = new TimeSpan[processes.Length];
        for (var i = 0; i < processes.Length; i++)
        {
            processes[i].Refresh();
            times[i] = processes[i].TotalProcessorTime;
        }

        return times;
    }
}
