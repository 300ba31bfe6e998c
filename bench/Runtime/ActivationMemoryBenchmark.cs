using System.Runtime;

namespace Commerce.Bench.Runtime;

/// <summary>
/// Memory per idle Orleans activation of a grain with a small state: the managed heap grown by activating N grains,
/// minus what the grain objects take on their own, is Orleans' share (activation data, its scheduler and mailbox,
/// the grain id and its key bytes, the catalog's and the local grain directory's entries).
/// </summary>
internal static class ActivationMemoryBenchmark
{
    /// <summary>Activations started at once: enough to keep both cores busy, few enough not to queue for long.</summary>
    private const int Batch = 20_000;

    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        var count = settings.Activations;
        await using var silo = await BenchSilo.StartAsync();
        var factory = silo.GrainFactory;
        await factory.GetGrain<ISmallStateGrain>(-1).TouchAsync();
        var baseActivations = await silo.ActivationCountAsync();

        var before = SettledHeap();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var start = 0; start < count; start += Batch)
        {
            var end = Math.Min(count, start + Batch);
            var calls = new Task[end - start];
            for (var i = start; i < end; i++) calls[i - start] = factory.GetGrain<ISmallStateGrain>(i).TouchAsync();
            await Task.WhenAll(calls);
        }

        var activationTime = clock.Elapsed;
        // Let the activations' last turns and the directory's bookkeeping finish before reading the heap.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = SettledHeap();
        var activations = await silo.ActivationCountAsync() - baseActivations;
        var perActivation = (after - before) / (double)count;

        var ownBefore = SettledHeap();
        var shapes = new SmallStateShape[count];
        for (var i = 0; i < count; i++) shapes[i] = new SmallStateShape(null, null);
        var ownAfter = SettledHeap();
        // Minus the array of references holding them.
        var own = (ownAfter - ownBefore - (double)count * IntPtr.Size) / count;
        GC.KeepAlive(shapes);

        report.Section($"Memory per idle Orleans activation: {count:N0} activations of a grain with a small state (new activations counted by the silo: {activations:N0}, activated in {activationTime.TotalSeconds:0.0} s)");
        report.Line("| measure | bytes |");
        report.Line("|---|---|");
        report.Line($"| managed heap growth per activation | {perActivation:N0} |");
        report.Line($"| of which the grain object | {own:N0} |");
        report.Line($"| Orleans overhead per activation | {perActivation - own:N0} |");
        report.Line($"| total managed heap with all activations | {after / (1024.0 * 1024):N0} MiB |");
        Console.WriteLine($"  {perActivation:N0} B per activation, Orleans overhead {perActivation - own:N0} B; {count / activationTime.TotalSeconds:N0} activations/s");
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
