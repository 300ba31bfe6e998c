using System.Collections.Concurrent;

namespace Commerce.Postgres.Streams.Tests.Grains;

/// <summary>
/// Where the consumer grains record what they receive, per stream key. Static, so it outlives the
/// grains and the silo that ran them (the test clusters run in the test's process); tests use keys
/// of their own.
/// </summary>
public static class DeliverySink
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Delivery>> s_deliveries = new(StringComparer.Ordinal);

    public static void Record(string key, Delivery delivery) => s_deliveries.GetOrAdd(key, _ => new ConcurrentQueue<Delivery>()).Enqueue(delivery);

    /// <summary>Every delivery to <paramref name="key"/>'s consumer so far, in the order they arrived.</summary>
    public static IReadOnlyList<Delivery> Of(string key) => s_deliveries.TryGetValue(key, out var deliveries) ? [.. deliveries] : [];
}
