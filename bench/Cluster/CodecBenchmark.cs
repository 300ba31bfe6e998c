using System.Diagnostics;
using Commerce.Bench.Runtime;
using Commerce.Runtime;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Registry;
using Commerce.Runtime.Serialization;

namespace Commerce.Bench.Cluster;

/// <summary>
/// CPU cost of the wire codec for a small call (<see cref="IPingGrain.PingAsync"/> to an integer-keyed
/// grain, no request context): encoding its request frame; encoding it and decoding it into a new
/// request object (what a silo does per incoming call); and encoding plus decoding its response.
/// Reports CPU and wall ns and allocated bytes per operation, single-threaded, after a warm-up that
/// lets tiered compilation finish.
/// </summary>
internal static class CodecBenchmark
{
    private const int OperationsPerRound = 2_000_000;

    public static void Run(BenchSettings settings, Report report)
    {
        var registry = new GrainTypeRegistry();
        registry.AddAssembly(typeof(IPingGrain).Assembly);
        var interfaceId = registry.GetInterfaceId(typeof(IPingGrain));
        var factory = registry.GetRequestFactory(interfaceId, 0);
        var request = factory();
        request.SetArgument(0, 42);
        var target = GrainId.Create(new GrainType("ping"), 123_456);
        const int answer = 43;

        using var writer = new WireArgumentWriter();
        using var reader = new WireArgumentReader();

        int EncodeRequest()
        {
            writer.Reset();
            var start = Frames.Begin(writer, FrameKind.Request);
            var envelope = new RequestEnvelope(1, target, default, registry.GetInterfaceId(request.InterfaceType), request.MethodId, request.Options, 30_000, 0, null);
            MessageCodec.WriteRequest(writer, envelope, request);
            Frames.End(writer, start, int.MaxValue);
            return writer.WrittenCount;
        }

        int RoundTripRequest()
        {
            EncodeRequest();
            reader.Reset(writer.WrittenMemory[Frames.HeaderSize..]);
            var envelope = MessageCodec.ReadRequestEnvelope(reader);
            var copy = registry.GetRequestFactory(envelope.InterfaceId, envelope.MethodId)();
            MessageCodec.ReadRequestBody(reader, copy, envelope, 0);
            return copy.MethodId;
        }

        // What Request<int>.WriteResult and TrySetResultFrom do around the codec: Write<int> and Read<int>.
        int RoundTripResponse()
        {
            writer.Reset();
            var start = Frames.Begin(writer, FrameKind.Response);
            MessageCodec.WriteResponseHeader(writer, 1, MessageCodec.StatusOk);
            writer.Write(answer);
            Frames.End(writer, start, int.MaxValue);
            reader.Reset(writer.WrittenMemory[Frames.HeaderSize..]);
            var id = (long)reader.ReadVarUInt64();
            var status = reader.ReadByte();
            return (int)id + status + reader.Read<int>();
        }

        var variants = new (string Name, Func<int> Operation)[]
        {
            ("request: encode", EncodeRequest),
            ("request: encode + decode into a new request", RoundTripRequest),
            ("response: encode + decode (int result)", RoundTripResponse),
        };

        var frameBytes = EncodeRequest();
        foreach (var (_, operation) in variants) Measure(operation, OperationsPerRound);

        var results = variants.ToDictionary(v => v.Name, _ => new List<(double Nanoseconds, double WallNanoseconds, double Bytes)>());
        for (var round = 0; round < settings.Rounds; round++)
        {
            foreach (var (name, operation) in variants)
            {
                var result = Measure(operation, OperationsPerRound);
                results[name].Add(result);
                Console.WriteLine($"  round {round + 1}: {name,-46} {result.Nanoseconds,8:0.0} CPU ns/op {result.WallNanoseconds,8:0.0} wall ns/op {result.Bytes,6:0} B/op");
            }
        }

        report.Section($"Wire codec, one thread: a {frameBytes}-byte PingAsync(int) request frame, {OperationsPerRound:N0} operations x {settings.Rounds} rounds");
        report.Line("| operation | median CPU ns/op | min | max | median wall ns/op | allocated B/op |");
        report.Line("|---|---|---|---|---|---|");
        foreach (var (name, _) in variants)
        {
            var nanoseconds = results[name].Select(r => r.Nanoseconds).ToArray();
            var wall = results[name].Select(r => r.WallNanoseconds).ToArray();
            report.Line($"| {name} | {CallThroughputBenchmark.Median(nanoseconds):0.0} | {nanoseconds.Min():0.0} | {nanoseconds.Max():0.0} | {CallThroughputBenchmark.Median(wall):0.0} | {results[name].Select(r => r.Bytes).Max():0} |");
        }
    }

    /// <summary>
    /// CPU time of this process per operation (the loop is single-threaded and runs after warm-up, so
    /// that is the loop's): on a shared machine wall time also counts the time other tenants held the core.
    /// </summary>
    private static (double Nanoseconds, double WallNanoseconds, double Bytes) Measure(Func<int> operation, int count)
    {
        using var process = Process.GetCurrentProcess();
        var sink = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++) sink += operation();
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        GC.KeepAlive(sink);
        return (cpu.TotalNanoseconds / count, elapsed.TotalNanoseconds / count, (double)allocated / count);
    }
}
