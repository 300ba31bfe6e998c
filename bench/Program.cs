using System.Runtime;
using Commerce.Bench;
using Commerce.Bench.Runtime;

// dotnet run -c Release --project bench -- <suite> [--option=value ...]
//   suites: calls | latency | memory | runtime (all three)
var suite = args.FirstOrDefault() ?? "runtime";
var settings = BenchSettings.Parse(args.Skip(1));
var report = new Report();
report.Line($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, GC server={GCSettings.IsServerGC}, `{string.Join(' ', args)}`");

switch (suite)
{
    case "calls":
        await CallThroughputBenchmark.RunAsync(settings, report);
        break;
    case "latency":
        await CallLatencyBenchmark.RunAsync(settings, report);
        break;
    case "memory":
        await ActivationMemoryBenchmark.RunAsync(settings, report);
        break;
    case "runtime":
        await CallThroughputBenchmark.RunAsync(settings, report);
        await CallLatencyBenchmark.RunAsync(settings, report);
        await ActivationMemoryBenchmark.RunAsync(settings, report);
        break;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Use calls, latency, memory or runtime.");
        return 2;
}

Console.WriteLine();
Console.WriteLine(report);
return 0;
