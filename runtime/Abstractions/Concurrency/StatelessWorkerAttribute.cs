namespace Commerce.Runtime;

/// <summary>
/// A grain class with no identity-bound state: each silo may run several activations of the same
/// grain id, always locally to the caller, to spread a hot, stateless workload over the cores.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <summary>Up to one activation per core by default.</summary>
    public StatelessWorkerAttribute() => MaxLocalWorkers = Environment.ProcessorCount;

    public StatelessWorkerAttribute(int maxLocalWorkers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLocalWorkers, 1);
        MaxLocalWorkers = maxLocalWorkers;
    }

    public int MaxLocalWorkers { get; }
}
