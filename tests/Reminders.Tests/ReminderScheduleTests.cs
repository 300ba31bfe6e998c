using FluentAssertions;

namespace Commerce.Runtime.Reminders.Tests;

/// <summary>The tick arithmetic, without a silo: ticks lie on the grid start + k * period.</summary>
public sealed class ReminderScheduleTests
{
    private static readonly DateTime Start = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_first_tick_is_the_start_while_the_start_is_ahead()
    {
        ReminderSchedule.FirstTick(Start, Start - TimeSpan.FromSeconds(30)).Should().Be(Start);
    }

    [Fact]
    public void A_reminder_loaded_after_its_start_fires_once_right_away()
    {
        var now = Start + 7 * Period + TimeSpan.FromMinutes(2);

        ReminderSchedule.FirstTick(Start, now).Should().Be(now);
    }

    [Fact]
    public void A_tick_delivered_on_time_is_followed_by_the_next_grid_point()
    {
        var tick = Start + 3 * Period;

        ReminderSchedule.NextTick(Start, Period, tick, tick + TimeSpan.FromMilliseconds(40)).Should().Be(Start + 4 * Period);
    }

    [Fact]
    public void A_late_tick_does_not_shift_the_grid()
    {
        var tick = Start + 3 * Period;
        var completed = tick + TimeSpan.FromMinutes(1);

        ReminderSchedule.NextTick(Start, Period, tick, completed).Should().Be(Start + 4 * Period);
    }

    [Fact]
    public void A_tick_that_overran_several_periods_skips_them_instead_of_catching_up()
    {
        var tick = Start + 3 * Period;
        var completed = tick + 4 * Period + TimeSpan.FromSeconds(1);

        ReminderSchedule.NextTick(Start, Period, tick, completed).Should().Be(Start + 8 * Period);
    }

    [Fact]
    public void After_the_catch_up_tick_of_a_reloaded_reminder_ticks_return_to_the_grid()
    {
        var loadedAt = Start + 7 * Period + TimeSpan.FromMinutes(2);
        var catchUp = ReminderSchedule.FirstTick(Start, loadedAt);

        ReminderSchedule.NextTick(Start, Period, catchUp, catchUp + TimeSpan.FromMilliseconds(5)).Should().Be(Start + 8 * Period);
    }

    [Fact]
    public void A_tick_that_finished_exactly_on_a_grid_point_is_followed_by_the_one_after()
    {
        var tick = Start + 3 * Period;

        ReminderSchedule.NextTick(Start, Period, tick, Start + 4 * Period).Should().Be(Start + 5 * Period);
    }

    [Fact]
    public void A_next_tick_beyond_the_calendar_never_comes()
    {
        var start = DateTime.MaxValue - TimeSpan.FromDays(1);

        ReminderSchedule.NextTick(start, TimeSpan.FromDays(365), start, start).Should().Be(DateTime.MaxValue);
    }
}
