using System.Buffers;
using System.Diagnostics;
using Commerce.GrainInterfaces.Cart;
using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Commerce.Bench.Cluster;

/// <summary>
/// CPU cost of Orleans' serializer for what the storefront's two hot calls return across processes: a product's
/// details (<see cref="ProductDetails"/>, as in the product grain's snapshot) and a cart of three lines
/// (<see cref="CartView"/>). Per operation, single-threaded, after a warm-up that lets tiered compilation finish:
/// serializing into a reused buffer (what a connection does for a message body), and serializing plus
/// deserializing into a new object (what the receiving side adds). Reports CPU and wall ns and allocated bytes.
/// </summary>
internal static class SerializerBenchmark
{
    private const int OperationsPerRound = 500_000;

    public static void Run(BenchSettings settings, Report report)
    {
        using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(CartView).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var buffer = new ArrayBufferWriter<byte>(4_096);

        var product = new ProductDetails(
            "Bench lamp", "Lumen", "DE", "A brass desk lamp with a fabric shade, measured for throughput.", new Money(19.90m, "EUR"), "home/lighting",
            new Dictionary<string, string> { ["color"] = "brass", ["watts"] = "9", ["socket"] = "E27" },
            ["https://images.example.com/lamp-1.jpg", "https://images.example.com/lamp-2.jpg"],
            [new ProductTag("style", "industrial"), new ProductTag("room", "office", 0.8)]);
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var cart = new CartView("guest:bench-session-00000001",
            [new CartLine("bench-lamp", 1, true, now), new CartLine("bench-shade", 2, true, now), new CartLine("bench-bulb", 4, false, now)], now);

        int Encode<T>(T value)
        {
            buffer.ResetWrittenCount();
            serializer.Serialize(value, buffer);
            return buffer.WrittenCount;
        }

        int RoundTrip<T>(T value) where T : class
        {
            Encode(value);
            var copy = serializer.Deserialize<T>(buffer.WrittenMemory);
            return copy is null ? 0 : 1;
        }

        var variants = new (string Name, Func<int> Operation)[]
        {
            ($"ProductDetails ({Encode(product)} B): serialize", () => Encode(product)),
            ("ProductDetails: serialize + deserialize", () => RoundTrip(product)),
            ($"CartView, 3 lines ({Encode(cart)} B): serialize", () => Encode(cart)),
            ("CartView: serialize + deserialize", () => RoundTrip(cart)),
        };

        foreach (var (_, operation) in variants) Measure(operation, OperationsPerRound);

        var results = variants.ToDictionary(v => v.Name, _ => new List<(double Nanoseconds, double WallNanoseconds, double Bytes)>());
        for (var round = 0; round < settings.Rounds; round++)
        {
            foreach (var (name, operation) in variants)
            {
                var result = Measure(operation, OperationsPerRound);
                results[name].Add(result);
                Console.WriteLine($"  round {round + 1}: {name,-44} {result.Nanoseconds,8:0.0} CPU ns/op {result.WallNanoseconds,8:0.0} wall ns/op {result.Bytes,6:0} B/op");
            }
        }

        report.Section($"Orleans serializer, one thread: {OperationsPerRound:N0} operations x {settings.Rounds} rounds");
        report.Line("| operation | median CPU ns/op | min | max | median wall ns/op | allocated B/op |");
        report.Line("|---|---|---|---|---|---|");
        foreach (var (name, _) in variants)
        {
            var nanoseconds = results[name].Select(r => r.Nanoseconds).ToArray();
            var wall = results[name].Select(r => r.WallNanoseconds).ToArray();
            report.Line($"| {name} | {Stats.Median(nanoseconds):0.0} | {nanoseconds.Min():0.0} | {nanoseconds.Max():0.0} | {Stats.Median(wall):0.0} | {results[name].Select(r => r.Bytes).Max():0} |");
        }
    }

    /// <summary>
    /// CPU time of this process per operation (the loop is single-threaded and runs after warm-up, so that is the
    /// loop's): on a shared machine wall time also counts the time other tenants held the core.
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
