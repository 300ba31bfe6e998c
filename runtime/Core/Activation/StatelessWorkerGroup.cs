using Commerce.Runtime.Registry;

namespace Commerce.Runtime.Activation;

/// <summary>
/// The local activations of one [StatelessWorker] grain id. A request goes to an idle worker, or to
/// a new one while fewer than the class's maximum exist, or else to the least loaded.
/// </summary>
internal sealed class StatelessWorkerGroup(GrainRuntime runtime, GrainClassInfo grainClass, GrainId grainId) : IMessageTarget
{
    private readonly List<ActivationData> _workers = [];
    private readonly int _maxWorkers = grainClass.MaxLocalWorkers ?? Environment.ProcessorCount;
    private bool _removed;

    public bool TryEnqueue(Request request)
    {
        while (true)
        {
            ActivationData worker;
            lock (_workers)
            {
                if (_removed) return false;
                worker = PickWorker();
            }

            if (worker.TryEnqueue(request)) return true;
            Remove(worker);
        }
    }

    private ActivationData PickWorker()
    {
        ActivationData? leastLoaded = null;
        var lowest = int.MaxValue;
        foreach (var worker in _workers)
        {
            var load = worker.Load;
            if (load == 0) return worker;
            if (load < lowest)
            {
                lowest = load;
                leastLoaded = worker;
            }
        }

        if (leastLoaded is not null && _workers.Count >= _maxWorkers) return leastLoaded;
        var created = new ActivationData(runtime, grainClass, grainId, this);
        _workers.Add(created);
        return created;
    }

    public IReadOnlyList<ActivationData> Workers
    {
        get { lock (_workers) return _workers.ToArray(); }
    }

    /// <summary>Drops a deactivated worker; the group leaves the catalog with its last worker.</summary>
    public void Remove(ActivationData worker)
    {
        lock (_workers)
        {
            if (!_workers.Remove(worker) || _workers.Count > 0) return;
            _removed = true;
        }

        runtime.Catalog.Remove(grainId, this);
    }
}
