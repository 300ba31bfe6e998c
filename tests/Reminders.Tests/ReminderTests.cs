using Commerce.Runtime.Hosting;
using Commerce.Runtime.Reminders.Tests.Grains;
using Commerce.Runtime.Reminders.Tests.Support;
using Commerce.Runtime.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Reminders.Tests;

/// <summary>Reminder semantics in one silo with the in-memory table.</summary>
public sealed class ReminderTests
{
    /// <summary>Timers on a busy machine wake a little late, never much early; the clocks of tick times and log times differ by less.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(20);

    private readonly ReminderLog _log = new();

    [Fact]
    public async Task A_reminder_fires_repeatedly_on_its_period_grid()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("repeats");
        var period = TimeSpan.FromMilliseconds(300);

        var firstTick = await grain.RegisterAsync("poll", TimeSpan.FromMilliseconds(100), period);
        var ticks = await _log.WaitForTicksAsync("repeats", "poll", 4);

        ticks.Should().AllSatisfy(t =>
        {
            t.Status.FirstTickTime.Should().Be(firstTick);
            t.Status.Period.Should().Be(period);
        });
        ticks.Select(t => Slot(t.Status)).Should().BeInAscendingOrder()
            .And.OnlyHaveUniqueItems("each tick has a grid point of its own: none comes early, none twice");
    }

    [Fact]
    public async Task A_reminder_reaches_a_deactivated_grain_by_activating_it_again()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("sleeper");
        await grain.RegisterAsync("wake", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300));
        await _log.WaitForTicksAsync("sleeper", "wake", 1);

        await grain.DeactivateAsync();
        await Eventually.HoldsAsync(() => !cluster.IsActive(grain.GetGrainId()), waitingFor: "the grain to deactivate");
        var ticksWhileActive = _log.TicksOf("sleeper").Count;
        var ticks = await _log.WaitForTicksAsync("sleeper", "wake", ticksWhileActive + 1);

        _log.ActivationsOf("sleeper").Should().BeGreaterThanOrEqualTo(2);
        ticks[^1].Activation.Should().BeGreaterThanOrEqualTo(2, "the tick after deactivation reached a new activation");
    }

    [Fact]
    public async Task Registering_a_reminder_again_under_its_name_changes_its_period()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("updated");
        await grain.RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromMilliseconds(60));
        await _log.WaitForTicksAsync("updated", "poll", 2);

        var slower = TimeSpan.FromMilliseconds(500);
        await grain.RegisterAsync("poll", slower, slower);
        var updatedAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(1200));

        // A tick already on its way when the update was acknowledged may still arrive.
        var afterUpdate = _log.TicksOf("updated").Where(t => t.ReceivedAt > updatedAt + TimeSpan.FromMilliseconds(50)).ToArray();
        afterUpdate.Should().NotBeEmpty().And.AllSatisfy(t => t.Status.Period.Should().Be(slower));
        afterUpdate.Length.Should().BeLessThanOrEqualTo(3, "at the old period there would have been about 20");
        (await grain.ListAsync()).Should().ContainSingle().Which.Period.Should().Be(slower);
    }

    [Fact]
    public async Task An_unregistered_reminder_stops_firing()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("stopped");
        await grain.RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromMilliseconds(60));
        await _log.WaitForTicksAsync("stopped", "poll", 2);

        (await grain.UnregisterAsync("poll")).Should().BeTrue();
        var atUnregister = _log.TicksOf("stopped").Count;
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        _log.TicksOf("stopped").Count.Should().BeLessThanOrEqualTo(atUnregister + 1, "at most a tick queued behind the unregistration");
        (await grain.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Unregistering_a_reminder_if_it_exists_removes_it_and_does_nothing_when_it_is_missing()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("if-exists");
        await grain.RegisterAsync("expire", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await grain.RegisterAsync("keep", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        (await grain.UnregisterAsync("expire")).Should().BeTrue("the reminder existed");
        (await grain.ListAsync()).Select(r => r.Name).Should().Equal("keep");

        (await grain.UnregisterAsync("expire")).Should().BeFalse("it is gone already");
        (await grain.UnregisterAsync("never-registered")).Should().BeFalse();
        (await grain.ListAsync()).Select(r => r.Name).Should().Equal(["keep"], "a missing reminder leaves the others alone");
    }

    [Fact]
    public async Task Unregistering_with_a_handle_older_than_the_latest_update_is_refused()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var id = cluster.GrainFactory.GetGrain<IReminderTestGrain>("stale-handle").GetGrainId();
        var registry = cluster.Reminders();
        var stale = await registry.RegisterOrUpdateReminder(id, "poll", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await registry.RegisterOrUpdateReminder(id, "poll", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2));

        var unregister = () => registry.UnregisterReminder(id, stale);

        await unregister.Should().ThrowAsync<ReminderException>().WithMessage("*updated after this handle was read*");
        (await registry.GetReminder(id, "poll")).Should().NotBeNull();
    }

    [Fact]
    public async Task A_grain_lists_its_reminders_with_their_schedules()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("lister");
        var expireAt = await grain.RegisterAsync("expire", TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));
        var remindAt = await grain.RegisterAsync("remind", TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));

        (await grain.ListAsync()).Should().Equal(
            new ReminderSummary("expire", expireAt, TimeSpan.FromHours(1)),
            new ReminderSummary("remind", remindAt, TimeSpan.FromDays(1)));
        (await cluster.GrainFactory.GetGrain<IReminderTestGrain>("other").ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Registration_from_a_grain_class_that_is_not_remindable_is_refused()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<INotRemindableGrain>("plain");

        var register = () => grain.RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromMinutes(1));

        await register.Should().ThrowAsync<ReminderException>()
            .WithMessage($"Grain class {typeof(NotRemindableGrain).FullName} does not implement IRemindable*");
    }

    [Fact]
    public async Task A_period_below_the_minimum_is_refused()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("too-fast");

        var register = () => grain.RegisterAsync("poll", TimeSpan.Zero, ReminderClusters.MinimumPeriod - TimeSpan.FromMilliseconds(1));

        (await register.Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*ReminderOptions.MinimumPeriod*"))
            .Which.ParamName.Should().Be("period");
        (await grain.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_default_minimum_period_is_one_minute()
    {
        await using var cluster = await TestCluster.StartAsync(silo => silo.UseInMemoryReminders(), services => services.AddSingleton(_log));
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("default-minimum");

        var tooFast = () => grain.RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromSeconds(59));

        await tooFast.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await grain.RegisterAsync("poll", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_blank_reminder_name_is_refused(string? name)
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("nameless");

        var register = () => grain.RegisterAsync(name!, TimeSpan.Zero, TimeSpan.FromMinutes(1));

        (await register.Should().ThrowAsync<ArgumentException>().WithMessage("A reminder needs a name*"))
            .Which.ParamName.Should().Be("reminderName");
    }

    [Fact]
    public async Task A_negative_due_time_is_refused()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("past");

        var register = () => grain.RegisterAsync("poll", TimeSpan.FromSeconds(-1), TimeSpan.FromMinutes(1));

        (await register.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("dueTime");
    }

    [Fact]
    public async Task A_tick_that_throws_is_logged_and_the_reminder_goes_on()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IMisbehavingReminderGrain>("throws");

        await grain.RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromMilliseconds(60));

        await _log.WaitForTicksAsync("throws", "poll", 4);
    }

    [Fact]
    public async Task A_slow_tick_delays_the_next_to_the_following_grid_point_without_a_catch_up_storm()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IMisbehavingReminderGrain>("slow-350");
        var period = TimeSpan.FromMilliseconds(100);

        await grain.RegisterAsync("poll", TimeSpan.Zero, period);
        var first = (await _log.WaitForTicksAsync("slow-350", "poll", 1))[0];
        await Task.Delay(TimeSpan.FromMilliseconds(1300));
        var ticks = _log.TicksOf("slow-350");

        // Each tick takes 350 ms: the next is the first grid point after it, about 400 ms later.
        ticks.Count.Should().BeInRange(2, 5, "a tick per period would be 13");
        ticks.Zip(ticks.Skip(1)).Should().AllSatisfy(pair =>
            (pair.Second.Status.CurrentTickTime - pair.First.Status.CurrentTickTime).Should().BeGreaterThan(TimeSpan.FromMilliseconds(300)));
        first.Status.Period.Should().Be(period);
    }

    [Fact]
    public async Task A_tick_that_times_out_does_not_stop_the_reminder()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log,
            configure: silo => silo.WithResponseTimeout(TimeSpan.FromMilliseconds(150)));
        var grain = cluster.GrainFactory.GetGrain<IMisbehavingReminderGrain>("slow-300");

        await grain.RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        await _log.WaitForTicksAsync("slow-300", "poll", 3);
    }

    [Fact]
    public async Task A_grain_class_that_implements_IRemindable_itself_receives_its_reminders()
    {
        await using var cluster = await ReminderClusters.StartAsync(_log);
        var grain = cluster.GrainFactory.GetGrain<IDirectlyRemindableGrain>("direct");

        await grain.RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromMilliseconds(60));

        await _log.WaitForTicksAsync("direct", "poll", 2);
    }

    [Fact]
    public async Task A_reminder_whose_ticks_were_missed_while_no_silo_ran_fires_once_at_start_then_on_its_grid()
    {
        var table = new InMemoryReminderTable();
        var period = TimeSpan.FromSeconds(3);
        var grainId = GrainId.Create(new GrainType("remindertest"), "missed");
        // Ten periods ago, so ten ticks were missed; the next grid point is 1.5 s away.
        var start = DateTime.UtcNow - 10 * period - period / 2;
        await table.UpsertRowAsync(new ReminderEntry(grainId, "poll", start, period, ETag: null));
        var nextGridPoint = start + 11 * period;

        await using var cluster = await ReminderClusters.StartAsync(_log, silo => silo.UseInMemoryReminders(table));
        var catchUp = (await _log.WaitForTicksAsync("missed", "poll", 1))[0];
        var ticks = await _log.WaitForTicksAsync("missed", "poll", 2);

        catchUp.Status.CurrentTickTime.Should().BeBefore(nextGridPoint, "the missed tick fires right away, not at the next grid point");
        ticks.Should().HaveCount(2, "the ten missed ticks are not replayed");
        ticks[1].Status.CurrentTickTime.Should().BeOnOrAfter(nextGridPoint - Tolerance).And.BeBefore(nextGridPoint + period);
    }

    [Fact]
    public async Task A_reminder_survives_a_silo_restart()
    {
        var table = new InMemoryReminderTable();
        await using (var first = await ReminderClusters.StartAsync(_log, silo => silo.UseInMemoryReminders(table)))
        {
            await first.GrainFactory.GetGrain<IReminderTestGrain>("durable").RegisterAsync("poll", TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
            await _log.WaitForTicksAsync("durable", "poll", 1);
        }

        var afterRestart = new ReminderLog();
        await using var second = await ReminderClusters.StartAsync(afterRestart, silo => silo.UseInMemoryReminders(table));

        await afterRestart.WaitForTicksAsync("durable", "poll", 2);
    }

    /// <summary>The grid point a tick belongs to: the last one at or before it, allowing for a timer that woke a little early.</summary>
    private static long Slot(TickStatus status) =>
        (long)Math.Floor((status.CurrentTickTime - status.FirstTickTime + Tolerance) / status.Period);
}
