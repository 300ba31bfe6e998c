using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Commerce.Runtime.Streams;

/// <summary>
/// The consuming side of streams: the observers each activation attached, and the dispatch of a
/// delivered event to the right one. Observers live with the grain instance (a table keyed weakly
/// by it), so they vanish with the activation and a reactivated grain re-attaches them.
/// </summary>
internal static class StreamConsumerRuntime
{
    private static readonly ConditionalWeakTable<object, Dictionary<(string Provider, StreamId Stream, Guid Handle), StreamObserverAdapter>> Observers = new();
    private static readonly ConcurrentDictionary<Type, Type[]> ObservedTypesByClass = new();

    public static void Attach(object grain, string provider, StreamId stream, Guid handle, StreamObserverAdapter observer)
    {
        var table = Observers.GetOrCreateValue(grain);
        lock (table) table[(provider, stream, handle)] = observer;
    }

    public static void Detach(object grain, string provider, StreamId stream, Guid handle)
    {
        if (!Observers.TryGetValue(grain, out var table)) return;
        lock (table) table.Remove((provider, stream, handle));
    }

    /// <summary>
    /// Runs in the consuming grain's turn: the observer attached for the subscription, else the grain
    /// itself when its class implements <see cref="IAsyncObserver{T}"/> (the event type picks among
    /// several), else fails: an explicit subscriber that was reactivated must resume its handle.
    /// </summary>
    public static Task DeliverToGrainAsync(object grain, StreamDelivery delivery)
    {
        if (Observers.TryGetValue(grain, out var table))
        {
            StreamObserverAdapter? attached;
            lock (table) table.TryGetValue((delivery.Provider, delivery.Stream, delivery.HandleId), out attached);
            if (attached is not null) return attached.OnNextAsync(delivery.Payload, delivery.Token);
        }

        var observedTypes = ObservedTypesByClass.GetOrAdd(grain.GetType(), static type => type.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncObserver<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToArray());
        var eventType = observedTypes.Length == 1
            ? observedTypes[0]
            : observedTypes.FirstOrDefault(t => string.Equals(t.FullName, delivery.EventType, StringComparison.Ordinal));
        if (eventType is null)
        {
            throw new StreamDeliveryException(
                $"Grain {grain.GetType().FullName} received an event of {delivery.Stream} (provider '{delivery.Provider}', type {delivery.EventType}) " +
                "but has no observer for it: implement IAsyncObserver<T> on the grain class, or resume the subscription handle in OnActivateAsync.");
        }

        var adapter = StreamObserverAdapter.Create(eventType, grain);
        // The grain observes itself; keep the adapter so the next event skips the reflection.
        Attach(grain, delivery.Provider, delivery.Stream, delivery.HandleId, adapter);
        return adapter.OnNextAsync(delivery.Payload, delivery.Token);
    }
}
