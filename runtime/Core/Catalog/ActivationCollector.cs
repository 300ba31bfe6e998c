using Commerce.Runtime.Configuration;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Catalog;

/// <summary>Deactivates activations that have been idle longer than their collection age.</summary>
internal sealed class ActivationCollector(GrainRuntime runtime, IOptions<GrainCollectionOptions> options) : IDisposable
{
    private readonly GrainCollectionOptions _options = options.Value;
    private Timer? _timer;

    public void Start()
    {
        if (_options.CollectionAge <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "GrainCollectionOptions.CollectionAge must be positive.");
        if (_options.CollectionQuantum <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "GrainCollectionOptions.CollectionQuantum must be positive.");
        _timer = new Timer(static collector => ((ActivationCollector)collector!).CollectIdle(), this, _options.CollectionQuantum, _options.CollectionQuantum);
    }

    /// <summary>One pass over the catalog; returns how many activations it deactivated.</summary>
    internal int CollectIdle()
    {
        var now = Environment.TickCount64;
        var collected = 0;
        foreach (var activation in runtime.Catalog.Activations)
        {
            var age = activation.GrainClass.CollectionAge ?? _options.CollectionAge;
            if (!activation.IsIdleLongerThan(now, (long)age.TotalMilliseconds)) continue;
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for more than {age}."));
            runtime.Metrics.ActivationCollected();
            collected++;
        }

        return collected;
    }

    public void Dispose() => _timer?.Dispose();
}
