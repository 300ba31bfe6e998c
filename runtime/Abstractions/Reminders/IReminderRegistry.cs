namespace Commerce.Runtime;

/// <summary>
/// The reminder service as grains (through <see cref="GrainReminderExtensions"/>) and host code see
/// it. Every change is written to the reminder table before the returned task completes, so an
/// acknowledged registration survives the loss of any silo.
/// </summary>
public interface IReminderRegistry
{
    /// <summary>
    /// Registers the reminder <paramref name="reminderName"/> of <paramref name="grainId"/>, or
    /// replaces its schedule when it exists: the first tick comes after <paramref name="dueTime"/>,
    /// then one every <paramref name="period"/>. Refuses a blank name (<see cref="ArgumentException"/>),
    /// a negative due time or a period below the configured minimum
    /// (<see cref="ArgumentOutOfRangeException"/>), and a grain class that does not implement
    /// <see cref="IRemindable"/> (<see cref="ReminderException"/>).
    /// </summary>
    Task<IGrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the reminder; no further ticks are delivered once the task completed. A reminder that
    /// is already gone is not an error. Throws <see cref="ReminderException"/> when the reminder was
    /// updated after <paramref name="reminder"/> was read: read it again and retry.
    /// </summary>
    Task UnregisterReminder(GrainId grainId, IGrainReminder reminder, CancellationToken cancellationToken = default);

    /// <summary>The reminder <paramref name="reminderName"/> of the grain, or null when it has none by that name.</summary>
    Task<IGrainReminder?> GetReminder(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>Every reminder of the grain.</summary>
    Task<IReadOnlyList<IGrainReminder>> GetReminders(GrainId grainId, CancellationToken cancellationToken = default);
}
