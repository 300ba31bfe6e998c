using System.Runtime;
using Commerce.Bench;
using Commerce.Bench.Cluster;
using Commerce.Bench.Runtime;

// dotnet run -c Release --project bench -- <suite> [--option=value ...]
//   suites: calls | latency | memory | runtime (all three) | codec | echo (starts itself again as echo-server) | state | cluster (echo + cross-process grain calls + failover) | silo-to-silo (echo + grain-to-grain calls between two silos only) | api (HTTP API vs bare Kestrel, try --callers=64)
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
    case "cluster":
        await Commerce.Bench.Cluster.ClusterCallBenchmark.RunAsync(settings, report);
        break;
    case "silo-to-silo":
        await Commerce.Bench.Cluster.ClusterCallBenchmark.RunSiloToSiloAsync(settings, report);
        break;
    case "state":
        await Commerce.Bench.Cluster.GrainStateWriteBenchmark.RunAsync(settings, report);
        break;
    case "codec":
        CodecBenchmark.Run(settings, report);
        break;
    case "echo":
        await TransportEchoBenchmark.RunAsync(settings, report);
        break;
    case TransportEchoBenchmark.ServerSuite:
        return await TransportEchoBenchmark.ServeAsync();
    case "api":
        await Commerce.Bench.Api.ApiThroughputBenchmark.RunAsync(settings, report);
        break;
    case "streams":
        await Commerce.Bench.Streams.StreamLogBenchmark.RunAsync(settings, report);
        await Commerce.Bench.Streams.StreamDeliveryBenchmark.RunAsync(settings, report);
        break;
    case "stream-delivery":
        await Commerce.Bench.Streams.StreamDeliveryBenchmark.RunAsync(settings, report);
        break;
    case "runtime":
        await CallThroughputBenchmark.RunAsync(settings, report);
        await CallLatencyBenchmark.RunAsync(settings, report);
        await ActivationMemoryBenchmark.RunAsync(settings, report);
        break;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Use calls, latency, memory, runtime, codec or echo.");
        return 2;
}

Console.WriteLine();
Console.WriteLine(report);
return 0;
