using Commerce.Runtime.Reminders.Tests.Support;

namespace Commerce.Runtime.Reminders.Tests.Grains;

/// <summary>A grain that manages its own reminders and reports every tick.</summary>
public interface IReminderTestGrain : IGrainWithStringKey, IRemindable
{
    Task<DateTime> RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>Unregisters by name; false when there was no such reminder.</summary>
    Task<bool> UnregisterAsync(string reminderName);

    Task<IReadOnlyList<ReminderSummary>> ListAsync();

    Task DeactivateAsync();
}

public sealed record ReminderSummary(string Name, DateTime FirstTickTime, TimeSpan Period);

public sealed class ReminderTestGrain(ReminderLog log) : Grain, IReminderTestGrain
{
    private int _activation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activation = log.Activated(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<DateTime> RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        (await this.RegisterOrUpdateReminder(reminderName, dueTime, period)).FirstTickTime;

    public Task<bool> UnregisterAsync(string reminderName) => this.UnregisterReminderIfExistsAsync(reminderName);

    public async Task<IReadOnlyList<ReminderSummary>> ListAsync() =>
        (await this.GetReminders()).Select(r => new ReminderSummary(r.ReminderName, r.FirstTickTime, r.Period)).OrderBy(r => r.Name).ToArray();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Received(this.GetPrimaryKeyString(), reminderName, status, _activation);
        return Task.CompletedTask;
    }
}

/// <summary>A grain whose ticks misbehave as its key says: <c>throws</c>, or <c>slow-NNN</c> (takes NNN ms).</summary>
public interface IMisbehavingReminderGrain : IGrainWithStringKey, IRemindable
{
    Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period);
}

public sealed class MisbehavingReminderGrain(ReminderLog log) : Grain, IMisbehavingReminderGrain
{
    public Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var key = this.GetPrimaryKeyString();
        log.Received(key, reminderName, status, activation: 1);
        if (key.StartsWith("throws", StringComparison.Ordinal)) throw new InvalidOperationException("This tick fails on purpose.");
        if (key.StartsWith("slow-", StringComparison.Ordinal)) await Task.Delay(int.Parse(key.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A grain class that implements IRemindable itself rather than through its grain interface, as Orleans code often does.</summary>
public interface IDirectlyRemindableGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period);
}

public sealed class DirectlyRemindableGrain(ReminderLog log) : Grain, IDirectlyRemindableGrain, IRemindable
{
    public Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Received(this.GetPrimaryKeyString(), reminderName, status, activation: 1);
        return Task.CompletedTask;
    }
}

/// <summary>A grain that does not implement IRemindable but tries to register a reminder.</summary>
public interface INotRemindableGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period);
}

public sealed class NotRemindableGrain : Grain, INotRemindableGrain
{
    public Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime, period);
}
