namespace Commerce.Runtime;

/// <summary>
/// Reminders for grain code: <c>await this.RegisterOrUpdateReminder("expire", TimeSpan.FromHours(1), TimeSpan.FromHours(1))</c>.
/// Each call goes to the silo's <see cref="IReminderRegistry"/>, which validates it (see there).
/// </summary>
public static class GrainReminderExtensions
{
    /// <inheritdoc cref="IReminderRegistry.RegisterOrUpdateReminder"/>
    public static Task<IGrainReminder> RegisterOrUpdateReminder(this Grain grain, string reminderName, TimeSpan dueTime, TimeSpan period) =>
        RegistryOf(grain).RegisterOrUpdateReminder(grain.GrainId, reminderName, dueTime, period);

    /// <inheritdoc cref="IReminderRegistry.UnregisterReminder"/>
    public static Task UnregisterReminder(this Grain grain, IGrainReminder reminder) =>
        RegistryOf(grain).UnregisterReminder(grain.GrainId, reminder);

    /// <summary>
    /// Removes the grain's reminder <paramref name="reminderName"/> when it has one, and does nothing when it has
    /// none: true when a reminder was removed. Like <see cref="IReminderRegistry.UnregisterReminder"/>, throws
    /// <see cref="ReminderException"/> when the reminder is updated between this call's read and its removal.
    /// </summary>
    public static async Task<bool> UnregisterReminderIfExistsAsync(this Grain grain, string reminderName)
    {
        var registry = RegistryOf(grain);
        if (await registry.GetReminder(grain.GrainId, reminderName) is not { } reminder) return false;
        await registry.UnregisterReminder(grain.GrainId, reminder);
        return true;
    }

    /// <inheritdoc cref="IReminderRegistry.GetReminder"/>
    public static Task<IGrainReminder?> GetReminder(this Grain grain, string reminderName) =>
        RegistryOf(grain).GetReminder(grain.GrainId, reminderName);

    /// <inheritdoc cref="IReminderRegistry.GetReminders"/>
    public static Task<IReadOnlyList<IGrainReminder>> GetReminders(this Grain grain) =>
        RegistryOf(grain).GetReminders(grain.GrainId);

    private static IReminderRegistry RegistryOf(Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.GrainContext.ActivationServices.GetService(typeof(IReminderRegistry)) as IReminderRegistry
            ?? throw new ReminderException(
                $"Grain {grain.IdentityString} uses reminders, but no reminder service is configured in this silo. " +
                "Add one with silo.UseInMemoryReminders() or silo.UsePostgresReminders(connectionString).");
    }
}
