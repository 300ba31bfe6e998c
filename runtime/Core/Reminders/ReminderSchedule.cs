namespace Commerce.Runtime.Reminders;

/// <summary>
/// When a reminder ticks: on the grid <c>startAt + k * period</c>, computed from the stored start
/// and period alone, so every silo that loads the reminder agrees on it without any per-tick write.
/// </summary>
public static class ReminderSchedule
{
    /// <summary>
    /// The first tick of a reminder a silo starts at <paramref name="now"/> (registration, start-up,
    /// ownership handover): its start when that is still ahead; otherwise right away, once, for the
    /// tick that came due while no silo had the reminder loaded. The ticks missed during a longer
    /// outage are not replayed one by one.
    /// </summary>
    public static DateTime FirstTick(DateTime startAt, DateTime now) => now < startAt ? startAt : now;

    /// <summary>
    /// The tick after one that was due at <paramref name="previousTick"/> and finished delivering at
    /// <paramref name="completedAt"/>: the first grid point strictly after both. A tick that ran
    /// longer than the period skips the grid points it overran instead of firing them back to back.
    /// <see cref="DateTime.MaxValue"/> when the next grid point is beyond the calendar.
    /// </summary>
    public static DateTime NextTick(DateTime startAt, TimeSpan period, DateTime previousTick, DateTime completedAt)
    {
        if (period <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(period), period, "A reminder's period must be positive.");
        var after = previousTick > completedAt ? previousTick : completedAt;
        if (after < startAt) return startAt;
        var periods = (after.Ticks - startAt.Ticks) / period.Ticks + 1;
        var room = DateTime.MaxValue.Ticks - startAt.Ticks;
        return periods > room / period.Ticks
            ? DateTime.MaxValue
            : new DateTime(startAt.Ticks + periods * period.Ticks, DateTimeKind.Utc);
    }
}
