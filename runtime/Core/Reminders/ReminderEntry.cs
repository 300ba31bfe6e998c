namespace Commerce.Runtime.Reminders;

/// <summary>
/// One row of the reminder table: a grain's named reminder and its schedule. Ticks lie on the grid
/// <c>StartAt + k * Period</c>.
/// </summary>
/// <param name="GrainId">The grain the reminder wakes.</param>
/// <param name="ReminderName">Unique per grain.</param>
/// <param name="StartAt">The first tick, UTC.</param>
/// <param name="Period">The time between ticks; positive.</param>
/// <param name="ETag">
/// The row's version as the table issued it; null for a row not yet written. Tables issue a new,
/// never reused value on every write, so a handle read before a delete and re-insert still conflicts.
/// </param>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTime StartAt, TimeSpan Period, string? ETag) : IGrainReminder
{
    DateTime IGrainReminder.FirstTickTime => StartAt;

    public override string ToString() => $"reminder '{ReminderName}' of {GrainId} (from {StartAt:O} every {Period}, etag {ETag ?? "none"})";
}
