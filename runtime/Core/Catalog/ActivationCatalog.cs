using System.Collections.Concurrent;
using Commerce.Runtime.Activation;

namespace Commerce.Runtime.Catalog;

/// <summary>The activations of this silo by grain id, created on a grain's first call.</summary>
internal sealed class ActivationCatalog(GrainRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, IMessageTarget> _targets = new();
    private volatile bool _closed;

    public IMessageTarget GetOrCreate(GrainId grainId) =>
        _targets.TryGetValue(grainId, out var target) ? target : Create(grainId);

    private IMessageTarget Create(GrainId grainId)
    {
        if (_closed) throw new SiloUnavailableException($"The silo is shutting down; {grainId} cannot be activated on it.");
        if (!runtime.Registry.TryGetClass(grainId.Type, out var grainClass))
            throw new InvalidOperationException($"No grain class with grain type '{grainId.Type}' is registered in this silo.");
        IMessageTarget created = grainClass.MaxLocalWorkers is null
            ? new ActivationData(runtime, grainClass, grainId)
            : new StatelessWorkerGroup(runtime, grainClass, grainId);
        return _targets.GetOrAdd(grainId, created);
    }

    public void Remove(GrainId grainId, IMessageTarget target) => _targets.TryRemove(KeyValuePair.Create(grainId, target));

    /// <summary>Every activation, stateless workers included. Enumerates without a snapshot of the whole table.</summary>
    public IEnumerable<ActivationData> Activations
    {
        get
        {
            foreach (var (_, target) in _targets)
            {
                if (target is ActivationData activation)
                {
                    yield return activation;
                }
                else
                {
                    foreach (var worker in ((StatelessWorkerGroup)target).Workers) yield return worker;
                }
            }
        }
    }

    public int Count => _targets.Count;

    /// <summary>Refuses new activations from now on.</summary>
    public void Close() => _closed = true;

    /// <summary>
    /// Deactivates everything, including activations created meanwhile by the deactivating grains'
    /// own calls, until the catalog is empty; activations still there when the time is up (stuck in
    /// a request that never completes) are abandoned. Returns how many were abandoned.
    /// </summary>
    public async Task<int> DeactivateAllAsync(DeactivationReason reason, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!_targets.IsEmpty && !deadline.IsCancellationRequested)
        {
            var pending = Activations.Select(activation => activation.DeactivateAsync(reason)).ToArray();
            if (pending.Length == 0) break;
            try
            {
                await Task.WhenAll(pending).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var abandoned = 0;
        foreach (var activation in Activations.ToArray())
        {
            activation.Abandon($"it did not deactivate within {timeout.TotalSeconds:0.#} s ({reason.Description})");
            abandoned++;
        }

        return abandoned;
    }
}
