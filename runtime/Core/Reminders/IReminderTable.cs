namespace Commerce.Runtime.Reminders;

/// <summary>
/// Where reminders are kept durably: one table per service (cluster), shared by all its silos.
/// Writes are conditional on the row's ETag, so of two concurrent writers of one reminder exactly one
/// wins and the other learns of the conflict. Implementations: <see cref="InMemoryReminderTable"/>,
/// and the PostgreSQL table of <c>Commerce.Runtime.Postgres</c>.
/// </summary>
public interface IReminderTable
{
    /// <summary>Every reminder of the service: what each silo filters down to the grains it owns.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Every reminder of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>One reminder, or null when the grain has none by that name.</summary>
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="entry"/> if the stored row still has <see cref="ReminderEntry.ETag"/>
    /// (null: only if there is no row yet). Returns the row's new ETag, or null when the condition
    /// failed because someone else wrote or removed the row first.
    /// </summary>
    Task<string?> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the reminder if its stored ETag is <paramref name="eTag"/>; false when it is absent or has another ETag.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default);
}
