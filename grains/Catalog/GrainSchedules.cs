using Commerce.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Grains.Catalog;

/// <summary>
/// Durable one-shot schedules for the catalog and inventory grains, on reminders: registered with the due
/// time, repeated every period until the grain cancels them after doing the work (so a failed tick retries).
/// </summary>
internal static class GrainSchedules
{
    /// <summary>Whether this silo has a reminder service; the embedded silo and clusters always do, bare test silos may not.</summary>
    public static bool HasReminders(IServiceProvider services) => services.GetService<IReminderRegistry>() is not null;

    public static Task ScheduleAsync(this Grain grain, string name, TimeSpan due, TimeSpan period) =>
        grain.RegisterOrUpdateReminder(name, due < TimeSpan.Zero ? TimeSpan.Zero : due, period);

    public static async Task CancelScheduleAsync(this Grain grain, string name)
    {
        if (!HasReminders(grain.GrainContext.ActivationServices)) return;
        if (await grain.GetReminder(name) is { } reminder) await grain.UnregisterReminder(reminder);
    }
}
