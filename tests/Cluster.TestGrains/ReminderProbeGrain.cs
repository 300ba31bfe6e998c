namespace Commerce.Cluster.TestGrains;

/// <summary>Counts the ticks of its reminder in persisted state, and where they fired.</summary>
[Alias("test.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    [ReadOnly]
    Task<ReminderTicks> TicksAsync();
}

[GenerateSerializer, Immutable, Alias("test.ReminderTicks")]
public sealed record ReminderTicks(int Count, int LastProcessId, DateTimeOffset? LastTickAt);

[GenerateSerializer, Alias("test.ReminderProbeState")]
public sealed class ReminderProbeState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public int LastProcessId { get; set; }

    [Id(2)]
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
