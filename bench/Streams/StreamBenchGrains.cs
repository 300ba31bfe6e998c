using System.Diagnostics;
using Orleans;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Commerce.Bench.Streams;

/// <summary>
/// A behaviour-sized event stamped with its production time (a <see cref="Stopwatch"/> timestamp of this process).
/// Orleans' serializer carries it on the memory provider; the durable provider stores it as JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("bench.BehaviourEvent")]
public sealed record BenchBehaviourEvent(
    [property: Id(0)] string User,
    [property: Id(1)] string Sku,
    [property: Id(2)] string Category,
    [property: Id(3)] decimal Price,
    [property: Id(4)] long ProducedAt);

[Alias("bench.IBehaviourConsumerGrain")]
public interface IBenchBehaviourConsumerGrain : IGrainWithStringKey
{
    Task PingAsync();
}

/// <summary>
/// The implicit consumer of the delivery benchmark, one per user stream of either namespace: records each event's
/// produce-to-grain latency. Orleans hands it each implicit subscription in <see cref="OnSubscribed"/>.
/// </summary>
[GrainType("bench-behaviour-consumer")]
[ImplicitStreamSubscription(StreamDeliveryBenchmark.DurableNamespace)]
[ImplicitStreamSubscription(StreamDeliveryBenchmark.MemoryNamespace)]
public sealed class BenchBehaviourConsumerGrain : Grain, IBenchBehaviourConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<BenchBehaviourEvent>
{
    public Task PingAsync() => Task.CompletedTask;

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<BenchBehaviourEvent>().ResumeAsync(this);

    public Task OnNextAsync(BenchBehaviourEvent item, StreamSequenceToken? token = null)
    {
        DeliveryRecorder.Record(item.ProducedAt);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>
/// Counts deliveries and keeps their latencies (Stopwatch ticks) for the current step: events produced before the step
/// began (a previous step's backlog) are left out, so each step reports only on its own events.
/// </summary>
internal static class DeliveryRecorder
{
    private const int InitialCapacity = 1 << 20;

    private static readonly Lock s_gate = new();
    private static List<long> s_latencies = new(InitialCapacity);
    private static long s_count;
    private static long s_since = long.MinValue;

    /// <summary>Deliveries of events produced since <see cref="Begin"/>.</summary>
    public static long Count => Interlocked.Read(ref s_count);

    /// <summary>Starts a step: from now on only events produced from now on count.</summary>
    public static void Begin()
    {
        lock (s_gate)
        {
            Volatile.Write(ref s_since, Stopwatch.GetTimestamp());
            Interlocked.Exchange(ref s_count, 0);
            s_latencies = new List<long>(InitialCapacity);
        }
    }

    /// <param name="producedAt">The event's production time, a <see cref="Stopwatch"/> timestamp.</param>
    public static void Record(long producedAt)
    {
        var latency = Stopwatch.GetTimestamp() - producedAt;
        lock (s_gate)
        {
            if (producedAt < s_since) return;
            s_latencies.Add(latency);
            Interlocked.Increment(ref s_count);
        }
    }

    /// <summary>The step's latencies so far, ascending.</summary>
    public static long[] Latencies()
    {
        long[] latencies;
        lock (s_gate) latencies = s_latencies.ToArray();
        Array.Sort(latencies);
        return latencies;
    }
}
