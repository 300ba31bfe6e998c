using Commerce.Grains.Payments;
using FluentAssertions;

namespace Commerce.Payments.Tests;

/// <summary>The schedule of the daily settlement and reconciliation runs, a fixed time after midnight UTC.</summary>
public sealed class DailyScheduleDueTimeTests
{
    private static readonly TimeSpan TwoAm = TimeSpan.FromHours(2);

    private static DateTimeOffset Utc(int day, int hour, int minute = 0, int second = 0) => new(2026, 3, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Just_before_midnight_the_next_run_is_the_coming_nights()
    {
        DailySchedule.DueTime(Utc(14, 23, 59, 59), TwoAm).Should().Be(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void At_midnight_the_next_run_is_later_the_same_night()
    {
        DailySchedule.DueTime(Utc(15, 0), TwoAm).Should().Be(TwoAm);
        DailySchedule.DueTime(Utc(15, 0), TimeSpan.Zero).Should().Be(TimeSpan.FromDays(1), "a run due exactly now is the next day's");
    }

    [Fact]
    public void After_the_run_time_the_next_run_is_the_following_nights()
    {
        DailySchedule.DueTime(Utc(15, 1, 59), TwoAm).Should().Be(TimeSpan.FromMinutes(1));
        DailySchedule.DueTime(Utc(15, 2), TwoAm).Should().Be(TimeSpan.FromDays(1));
        DailySchedule.DueTime(Utc(15, 0, 0, 1), TimeSpan.Zero).Should().Be(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Midnight_is_utc_whatever_the_offset_of_now()
    {
        var lateInBerlin = new DateTimeOffset(2026, 3, 15, 2, 30, 0, TimeSpan.FromHours(1)); // 01:30 UTC

        DailySchedule.DueTime(lateInBerlin, TwoAm).Should().Be(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void The_reminder_repeats_daily()
    {
        DailySchedule.Period.Should().Be(TimeSpan.FromDays(1));
    }
}
