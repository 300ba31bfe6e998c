namespace Commerce.Runtime;

/// <summary>
/// A handle to a registered reminder, as returned by registration and look-up. It carries the
/// version of the reminder it was read at: unregistering through a handle older than the latest
/// update of the same reminder is refused with <see cref="ReminderException"/>.
/// </summary>
public interface IGrainReminder
{
    /// <summary>The name, unique per grain.</summary>
    string ReminderName { get; }

    /// <summary>The first tick (UTC); later ticks follow every <see cref="Period"/>.</summary>
    DateTime FirstTickTime { get; }

    TimeSpan Period { get; }
}
