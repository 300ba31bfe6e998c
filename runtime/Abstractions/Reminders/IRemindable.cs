namespace Commerce.Runtime;

/// <summary>
/// Implemented by grains that register reminders: durable, periodic wake-up calls kept in the
/// reminder table, which survive the grain's deactivation, a silo restart and the loss of the silo.
/// The silo that owns the grain delivers each tick as a call to <see cref="ReceiveReminder"/>,
/// activating the grain first when it is not active. Add it to the grain interface
/// (<c>IOrderGrain : IGrainWithStringKey, IRemindable</c>) and register reminders with
/// <see cref="GrainReminderExtensions.RegisterOrUpdateReminder"/>.
/// </summary>
public interface IRemindable : IGrain
{
    /// <summary>
    /// One tick of the reminder <paramref name="reminderName"/>. Runs as a turn of the grain like any
    /// request. A tick that throws or times out is logged and the reminder goes on; ticks are
    /// at-least-once around restarts and ownership changes, so the handler should be idempotent.
    /// </summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
