using Commerce.Runtime;

namespace Commerce.Cluster.TestGrains;

/// <summary>Counts the ticks of its reminder in persisted state, and where they fired.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    [ReadOnly]
    Task<ReminderTicks> TicksAsync();
}

public sealed record ReminderTicks(int Count, int LastProcessId, DateTimeOffset? LastTickAt);

public sealed class ReminderProbeState
{
    public int Count { get; set; }

    public int LastProcessId { get; set; }

    public DateTimeOffset? LastTickAt { get; set; }
}

[GrainType("test-reminder-probe")]
public sealed class ReminderProbeGrain([PersistentState("ticks")] IPersistentState<ReminderProbeState> state) : Grain, IReminderProbeGrain, IRemindable
{
    public Task StartAsync(TimeSpan period) => this.RegisterOrUpdateReminder("probe", TimeSpan.Zero, period);

    public Task<ReminderTicks> TicksAsync() => Task.FromResult(new ReminderTicks(state.State.Count, state.State.LastProcessId, state.State.LastTickAt));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Count++;
        state.State.LastProcessId = Environment.ProcessId;
        state.State.LastTickAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
    }
}
