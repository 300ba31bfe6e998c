namespace Commerce.Runtime.Reminders;

/// <summary>How reminders are validated and how each silo keeps its share of the reminder table loaded.</summary>
public sealed class ReminderOptions
{
    /// <summary>
    /// The shortest period a reminder may have; registrations below it are refused. Default 1 minute:
    /// a reminder is a durable schedule kept in a table and reloaded by every silo, meant for
    /// business time (expire a cart, close a flash sale, retry a payment). Work every few seconds
    /// belongs in a grain timer, which costs nothing when the grain is idle. Tests lower it; it must
    /// be at least 1 ms, the resolution periods are stored with.
    /// </summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a silo re-reads the reminder table to pick up reminders that other silos wrote or
    /// removed for grains it owns, and to retry after a failed read. Default 1 minute: one read of
    /// the table per silo per minute. Ownership changes trigger a reload at once, so this bounds only
    /// how stale a silo's view of changes made elsewhere can get.
    /// </summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
