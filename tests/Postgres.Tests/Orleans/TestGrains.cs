using System.Collections.Concurrent;

namespace Commerce.Postgres.Tests.Orleans;

/// <summary>A counter kept in ADO.NET grain storage, with hooks to see which activation answers.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    /// <summary>The value the current activation read from storage when it activated.</summary>
    Task<int> ValueReadOnActivation();

    /// <summary>Identifies the current activation: a new activation answers with a new id.</summary>
    Task<Guid> ActivationId();

    Task Deactivate();
}

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}

public sealed class CounterGrain(
    [PersistentState(CounterGrain.StateName, PostgresCluster.StorageName)] IPersistentState<CounterState> counter)
    : Grain, ICounterGrain
{
    public const string StateName = "counter";

    private readonly Guid _activationId = Guid.NewGuid();
    private int _valueReadOnActivation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _valueReadOnActivation = counter.State.Value;
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> ValueReadOnActivation() => Task.FromResult(_valueReadOnActivation);

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>Registers a reminder and counts its ticks (in the process, so the count survives deactivation).</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);

    Task Stop();

    Task<int> Ticks();
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    private static readonly ConcurrentDictionary<string, int> s_ticks = new(StringComparer.Ordinal);

    public Task Start(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task Stop()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    public Task<int> Ticks() => Task.FromResult(s_ticks.GetValueOrDefault(this.GetPrimaryKeyString()));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName) s_ticks.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
