using System.Diagnostics;
using Commerce.Runtime;

namespace Commerce.Bench.Streams;

/// <summary>A behaviour-sized event stamped with its production time (a <see cref="Stopwatch"/> timestamp of this process).</summary>
public sealed record BenchBehaviourEvent(string User, string Sku, string Category, decimal Price, long ProducedAt);

public interface IBenchBehaviourConsumerGrain : IGrainWithStringKey
{
    Task PingAsync();
}

/// <summary>The implicit consumer of the delivery benchmark: records each event's produce-to-grain latency.</summary>
[GrainType("bench-behaviour-consumer")]
[ImplicitStreamSubscription(StreamDeliveryBenchmark.DurableNamespace)]
[ImplicitStreamSubscription(StreamDeliveryBenchmark.MemoryNamespace)]
public sealed class BenchBehaviourConsumerGrain : Grain, IBenchBehaviourConsumerGrain, IAsyncObserver<BenchBehaviourEvent>
{
    public Task PingAsync() => Task.CompletedTask;

    public Task OnNextAsync(BenchBehaviourEvent item, StreamSequenceToken? token = null)
    {
        DeliveryRecorder.Record(Stopwatch.GetTimestamp() - item.ProducedAt);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}

/// <summary>Counts deliveries and keeps their latencies (Stopwatch ticks) while recording.</summary>
internal static class DeliveryRecorder
{
    private static readonly object s_gate = new();
    private static List<long> s_latencies = new(1 << 20);
    private static long s_count;

    public static long Count => Interlocked.Read(ref s_count);

    public static void Record(long ticks)
    {
        Interlocked.Increment(ref s_count);
        lock (s_gate) s_latencies.Add(ticks);
    }

    /// <summary>The latencies recorded since the last call, and a fresh start.</summary>
    public static long[] Drain()
    {
        lock (s_gate)
        {
            var drained = s_latencies.ToArray();
            s_latencies = new List<long>(1 << 20);
            return drained;
        }
    }
}
