using System.Diagnostics.Metrics;

namespace Commerce.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments, on meter <see cref="MeterName"/>: calls and their latency per grain
/// type, timeouts, activations per type and queued requests. Instruments cost next to nothing
/// until a listener (an exporter, the dashboard) enables them.
/// </summary>
public sealed class RuntimeMetrics
{
    public const string MeterName = "Commerce.Runtime";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _failedCalls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _activationsCreated;
    private readonly Counter<long> _activationsCollected;
    private Func<IEnumerable<KeyValuePair<string, int>>>? _activationsByType;
    private Func<long>? _queuedRequests;

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("grain.calls", "{call}", "Grain calls completed, by grain type.");
        _failedCalls = meter.CreateCounter<long>("grain.calls.failed", "{call}", "Grain calls that ended in an exception, by grain type.");
        _callDuration = meter.CreateHistogram<double>("grain.call.duration", "ms", "Time from a request's start on its activation to its response, by grain type.");
        _timeouts = meter.CreateCounter<long>("grain.calls.timed_out", "{call}", "Calls whose caller stopped waiting for a response.");
        _activationsCreated = meter.CreateCounter<long>("grain.activations.created", "{activation}", "Activations created, by grain type.");
        _activationsCollected = meter.CreateCounter<long>("grain.activations.collected", "{activation}", "Activations deactivated because they were idle.");
        meter.CreateObservableGauge("grain.activations", ObserveActivations, "{activation}", "Live activations, by grain type.");
        meter.CreateObservableGauge("grain.queue.length", () => _queuedRequests?.Invoke() ?? 0, "{request}", "Requests waiting in activation queues.");
    }

    /// <summary>True when anyone listens to call counts or latencies, so the runtime should time calls.</summary>
    internal bool MeasuresCalls => _calls.Enabled || _callDuration.Enabled || _failedCalls.Enabled;

    internal void Observe(Func<IEnumerable<KeyValuePair<string, int>>> activationsByType, Func<long> queuedRequests)
    {
        _activationsByType = activationsByType;
        _queuedRequests = queuedRequests;
    }

    internal void CallCompleted(GrainType grainType, double milliseconds, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType.Value);
        _calls.Add(1, tag);
        if (failed) _failedCalls.Add(1, tag);
        _callDuration.Record(milliseconds, tag);
    }

    internal void CallTimedOut() => _timeouts.Add(1);

    internal void ActivationCreated(GrainType grainType) => _activationsCreated.Add(1, new KeyValuePair<string, object?>("grain.type", grainType.Value));

    internal void ActivationCollected() => _activationsCollected.Add(1);

    private IEnumerable<Measurement<int>> ObserveActivations()
    {
        if (_activationsByType is null) yield break;
        foreach (var (type, count) in _activationsByType())
            yield return new Measurement<int>(count, new KeyValuePair<string, object?>("grain.type", type));
    }
}
