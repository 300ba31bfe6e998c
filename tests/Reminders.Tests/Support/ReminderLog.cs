namespace Commerce.Runtime.Reminders.Tests.Support;

/// <summary>What the test grains of one silo saw: their activations and every reminder tick they received.</summary>
public sealed class ReminderLog
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedTick> _ticks = [];
    private readonly Dictionary<string, int> _activations = new(StringComparer.Ordinal);

    /// <summary>Counts an activation of the grain <paramref name="grainKey"/> and returns its number (1 for the first).</summary>
    public int Activated(string grainKey)
    {
        lock (_gate) return _activations[grainKey] = _activations.GetValueOrDefault(grainKey) + 1;
    }

    public int ActivationsOf(string grainKey)
    {
        lock (_gate) return _activations.GetValueOrDefault(grainKey);
    }

    public void Received(string grainKey, string reminderName, TickStatus status, int activation)
    {
        lock (_gate) _ticks.Add(new ReceivedTick(grainKey, reminderName, status, DateTime.UtcNow, activation));
    }

    public IReadOnlyList<ReceivedTick> TicksOf(string grainKey, string? reminderName = null)
    {
        lock (_gate) return _ticks.Where(t => t.GrainKey == grainKey && (reminderName is null || t.ReminderName == reminderName)).ToArray();
    }

    /// <summary>Waits until the grain received at least <paramref name="count"/> ticks of the reminder, and returns them all.</summary>
    public async Task<IReadOnlyList<ReceivedTick>> WaitForTicksAsync(string grainKey, string reminderName, int count, TimeSpan? timeout = null)
    {
        await Eventually.HoldsAsync(() => TicksOf(grainKey, reminderName).Count >= count, timeout,
            $"grain '{grainKey}' to receive {count} ticks of reminder '{reminderName}' (it received {TicksOf(grainKey, reminderName).Count})");
        return TicksOf(grainKey, reminderName);
    }
}

/// <param name="ReceivedAt">When the grain ran the tick (UTC).</param>
/// <param name="Activation">Which activation of the grain ran it (1 for the first).</param>
public sealed record ReceivedTick(string GrainKey, string ReminderName, TickStatus Status, DateTime ReceivedAt, int Activation);
