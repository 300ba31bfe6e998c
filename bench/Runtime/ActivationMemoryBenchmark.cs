using System.Runtime;
using Commerce.Runtime.Testing;

namespace Commerce.Bench.Runtime;

/// <summary>
/// Memory per idle activation of a grain with a small state: the managed heap grown by activating
/// N grains, minus what the grain objects and their keys take on their own, is the runtime's share.
/// </summary>
internal static class ActivationMemoryBenchmark
{
    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        var count = settings.Activations;
        await using var cluster = await TestCluster.StartAsync();
        var factory = cluster.GrainFactory;
        await factory.GetGrain<ISmallStateGrain>(-1).TouchAsync();

        var before = SettledHeap();
        const int batch = 20_000;
        for (var start = 0; start < count; start += batch)
        {
            var end = Math.Min(count, start + batch);
            var calls = new Task[end - start];
            for (var i = start; i < end; i++) calls[i - start] = factory.GetGrain<ISmallStateGrain>(i).TouchAsync();
            await Task.WhenAll(calls);
        }

        // The collector's pass trims the queues of activations that went idle, as it would in production.
        await Task.Delay(200);
        cluster.CollectIdleActivations();
        var after = SettledHeap();
        var perActivation = (after - before) / (double)count;

        var ownBefore = SettledHeap();
        var shapes = new SmallStateShape[count];
        var keys = new string[count];
        for (var i = 0; i < count; i++)
        {
            shapes[i] = new SmallStateShape(null);
            keys[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var ownAfter = SettledHeap();
        var own = (ownAfter - ownBefore - (double)count * 2 * IntPtr.Size) / count;
        GC.KeepAlive(shapes);
        GC.KeepAlive(keys);

        var activations = cluster.ActivationCount;
        report.Section($"Memory per idle activation: {count:N0} activations of a grain with a small state (live: {activations:N0})");
        report.Line("| measure | bytes |");
        report.Line("|---|---|");
        report.Line($"| managed heap growth per activation | {perActivation:N0} |");
        report.Line($"| of which the grain object and its key string | {own:N0} |");
        report.Line($"| runtime overhead per activation | {perActivation - own:N0} |");
        report.Line($"| total managed heap with all activations | {after / (1024.0 * 1024):N0} MiB |");
        Console.WriteLine($"  {perActivation:N0} B per activation, runtime overhead {perActivation - own:N0} B");
    }

    private static long SettledHeap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
