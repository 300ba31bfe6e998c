using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Grains;

/// <summary>
/// Durable one-shot schedules for grains of any area, on reminders: registered with the due time, repeated every
/// period until the grain cancels them after doing the work (so a failed tick retries).
/// </summary>
internal static class GrainSchedules
{
    /// <summary>Whether this silo has a reminder service; the embedded silo and clusters always do, bare test silos may not.</summary>
    public static bool HasReminders(IServiceProvider services) => services.GetService<IReminderService>() is not null;

    public static Task ScheduleAsync(this Grain grain, string name, TimeSpan due, TimeSpan period) =>
        grain.RegisterOrUpdateReminder(name, due < TimeSpan.Zero ? TimeSpan.Zero : due, period);

    /// <summary>Cancels the schedule <paramref name="name"/> if there is one; nothing to do in a silo without reminders.</summary>
    public static async Task CancelScheduleAsync(this Grain grain, string name)
    {
        if (!HasReminders(grain.GrainContext.ActivationServices)) return;
        await grain.UnregisterReminderIfExistsAsync(name);
    }

    /// <summary>Unregisters the reminder <paramref name="name"/> of this grain when it exists; a missing one is not an error.</summary>
    public static async Task UnregisterReminderIfExistsAsync(this Grain grain, string name)
    {
        if (await grain.GetReminder(name) is { } reminder) await grain.UnregisterReminder(reminder);
    }
}
