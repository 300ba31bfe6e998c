using Commerce.Runtime.Reminders.Tests.Grains;
using Commerce.Runtime.Reminders.Tests.Support;
using FluentAssertions;

namespace Commerce.Runtime.Reminders.Tests;

/// <summary>
/// A silo fires only the reminders of the grains it owns, and takes over those of grains handed to
/// it when ownership changes: that is how a reminder outlives the silo that ran it.
/// </summary>
public sealed class ReminderOwnershipTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(80);

    [Fact]
    public async Task Reminders_of_grains_the_silo_does_not_own_do_not_fire_until_ownership_hands_them_over()
    {
        var log = new ReminderLog();
        var ownership = new ControllableOwnership();
        await using var cluster = await ReminderClusters.StartAsync(log, ownership: ownership);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("elsewhere");

        await grain.RegisterAsync("poll", TimeSpan.Zero, Period);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        log.TicksOf("elsewhere").Should().BeEmpty("another silo owns the grain");
        (await grain.ListAsync()).Should().ContainSingle("the registration is in the table all the same");

        ownership.HandOver(grain.GetGrainId());

        await log.WaitForTicksAsync("elsewhere", "poll", 2);
    }

    [Fact]
    public async Task Only_the_reminders_of_owned_grains_fire()
    {
        var log = new ReminderLog();
        var ownership = new ControllableOwnership();
        await using var cluster = await ReminderClusters.StartAsync(log, ownership: ownership);
        var mine = cluster.GrainFactory.GetGrain<IReminderTestGrain>("mine");
        var theirs = cluster.GrainFactory.GetGrain<IReminderTestGrain>("theirs");
        ownership.HandOver(mine.GetGrainId());

        await mine.RegisterAsync("poll", TimeSpan.Zero, Period);
        await theirs.RegisterAsync("poll", TimeSpan.Zero, Period);
        await log.WaitForTicksAsync("mine", "poll", 4);

        log.TicksOf("theirs").Should().BeEmpty();
    }

    [Fact]
    public async Task A_silo_stops_firing_the_reminders_of_grains_taken_away_from_it()
    {
        var log = new ReminderLog();
        var ownership = new ControllableOwnership();
        await using var cluster = await ReminderClusters.StartAsync(log, ownership: ownership);
        var grain = cluster.GrainFactory.GetGrain<IReminderTestGrain>("moving-away");
        ownership.HandOver(grain.GetGrainId());
        await grain.RegisterAsync("poll", TimeSpan.Zero, Period);
        await log.WaitForTicksAsync("moving-away", "poll", 2);

        ownership.TakeAway(grain.GetGrainId());
        var atHandover = log.TicksOf("moving-away").Count;
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        log.TicksOf("moving-away").Count.Should().BeLessThanOrEqualTo(atHandover + 1, "at most a tick already on its way");
    }

    [Fact]
    public async Task A_reminder_survives_the_loss_of_its_silo_by_moving_to_the_grains_new_owner()
    {
        var table = new InMemoryReminderTable();
        var survivorLog = new ReminderLog();
        var survivorOwnership = new ControllableOwnership();
        await using var survivor = await ReminderClusters.StartAsync(survivorLog, silo => silo.UseInMemoryReminders(table), survivorOwnership);

        var lostLog = new ReminderLog();
        var lost = await ReminderClusters.StartAsync(lostLog, silo => silo.UseInMemoryReminders(table), new ControllableOwnership(ownsEverything: true));
        var grain = lost.GrainFactory.GetGrain<IReminderTestGrain>("orphan");
        await grain.RegisterAsync("poll", TimeSpan.Zero, Period);
        await lostLog.WaitForTicksAsync("orphan", "poll", 2);
        survivorLog.TicksOf("orphan").Should().BeEmpty();

        await lost.DisposeAsync();
        survivorOwnership.HandOverEverything();

        await survivorLog.WaitForTicksAsync("orphan", "poll", 2);
    }
}
