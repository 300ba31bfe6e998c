namespace Commerce.Grains.Payments;

/// <summary>
/// The schedule of a daily job that runs a fixed time after midnight (UTC), such as settlement and reconciliation:
/// a reminder due at the next run and repeating every <see cref="Period"/>.
/// </summary>
public static class DailySchedule
{
    /// <summary>One day: the period of a daily reminder.</summary>
    public static TimeSpan Period { get; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long from <paramref name="now"/> until the next run at <paramref name="runAfterMidnight"/> past a UTC
    /// midnight: today's run when it is still ahead, otherwise tomorrow's (so a run exactly at
    /// <paramref name="now"/> is a day away).
    /// </summary>
    public static TimeSpan DueTime(DateTimeOffset now, TimeSpan runAfterMidnight)
    {
        var next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + runAfterMidnight;
        if (next <= now) next += Period;
        return next - now;
    }
}
