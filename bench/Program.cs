using System.Runtime;
using Commerce.Bench;
using Commerce.Bench.Api;
using Commerce.Bench.Cluster;
using Commerce.Bench.Runtime;
using Commerce.Bench.Streams;

// dotnet run -c Release --project bench -- <suite> [--option=value ...]; results and commands in RESULTS.md.
//   runtime        in-silo calls/s vs the channel actor, uncontended latency, memory per activation (calls | latency | memory alone)
//   serializer     Orleans' serializer on the storefront's records
//   cluster        transport echo + client -> 1 and 2 silo processes + silo -> silo + failover (echo | silo-to-silo alone)
//   api            HTTP API vs bare Kestrel, embedded and as a client of 2 silos (api-embedded | api-cluster alone)
//   streams        durable log appends vs raw COPY, then end-to-end delivery (stream-log | stream-delivery alone)
var suite = args.FirstOrDefault() ?? "runtime";
if (suite == TransportEchoBenchmark.ServerSuite) return await TransportEchoBenchmark.ServeAsync();

var settings = BenchSettings.Parse(args.Skip(1));
var report = new Report();
report.Line($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, GC server={GCSettings.IsServerGC}, `{string.Join(' ', args)}`");

Func<Task>? run = suite switch
{
    "calls" => () => CallThroughputBenchmark.RunAsync(settings, report),
    "latency" => () => CallLatencyBenchmark.RunAsync(settings, report),
    "memory" => () => ActivationMemoryBenchmark.RunAsync(settings, report),
    "runtime" => async () =>
    {
        await CallThroughputBenchmark.RunAsync(settings, report);
        await CallLatencyBenchmark.RunAsync(settings, report);
        await ActivationMemoryBenchmark.RunAsync(settings, report);
    },
    "serializer" => () =>
    {
        SerializerBenchmark.Run(settings, report);
        return Task.CompletedTask;
    },
    "echo" => () => TransportEchoBenchmark.RunAsync(settings, report),
    "cluster" => () => ClusterCallBenchmark.RunAsync(settings, report),
    "silo-to-silo" => () => ClusterCallBenchmark.RunSiloToSiloAsync(settings, report),
    "api" => () => ApiThroughputBenchmark.RunAsync(settings, report, ApiThroughputBenchmark.Embedded, ApiThroughputBenchmark.Cluster),
    "api-embedded" => () => ApiThroughputBenchmark.RunAsync(settings, report, ApiThroughputBenchmark.Embedded),
    "api-cluster" => () => ApiThroughputBenchmark.RunAsync(settings, report, ApiThroughputBenchmark.Cluster),
    "streams" => async () =>
    {
        await StreamLogBenchmark.RunAsync(settings, report);
        await StreamDeliveryBenchmark.RunAsync(settings, report);
    },
    "stream-log" => () => StreamLogBenchmark.RunAsync(settings, report),
    "stream-delivery" => () => StreamDeliveryBenchmark.RunAsync(settings, report),
    _ => null,
};

if (run is null)
{
    Console.Error.WriteLine($"Unknown suite '{suite}'. Use runtime (calls, latency, memory), serializer, cluster (echo, silo-to-silo), api (api-embedded, api-cluster) or streams (stream-log, stream-delivery).");
    return 2;
}

await run();
Console.WriteLine();
Console.WriteLine(report);
return 0;
