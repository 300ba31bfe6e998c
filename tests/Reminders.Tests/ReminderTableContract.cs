using FluentAssertions;

namespace Commerce.Runtime.Reminders.Tests;

/// <summary>What every reminder table does, run against each implementation.</summary>
public abstract class ReminderTableContract
{
    private static readonly GrainType Cart = new("cart");
    private static readonly DateTime Start = new(2026, 11, 22, 9, 30, 15, 250, DateTimeKind.Utc);

    protected abstract IReminderTable Table { get; }

    protected static GrainId NewGrain(string prefix = "cart") => GrainId.Create(Cart, $"{prefix}-{Guid.NewGuid():N}");

    protected static ReminderEntry Entry(GrainId grainId, string name = "expire", string? eTag = null) =>
        new(grainId, name, Start, TimeSpan.FromMinutes(15), eTag);

    [Fact]
    public async Task A_new_reminder_is_inserted_and_read_back_as_written()
    {
        var grain = NewGrain();

        var eTag = await Table.UpsertRowAsync(Entry(grain));

        eTag.Should().NotBeNullOrEmpty();
        (await Table.ReadRowAsync(grain, "expire")).Should().Be(Entry(grain, eTag: eTag));
    }

    [Fact]
    public async Task Inserting_a_reminder_that_already_exists_is_a_conflict()
    {
        var grain = NewGrain();
        var eTag = await Table.UpsertRowAsync(Entry(grain));

        (await Table.UpsertRowAsync(Entry(grain) with { Period = TimeSpan.FromHours(1) })).Should().BeNull();

        (await Table.ReadRowAsync(grain, "expire")).Should().Be(Entry(grain, eTag: eTag));
    }

    [Fact]
    public async Task An_update_with_the_current_etag_is_written_under_a_new_etag()
    {
        var grain = NewGrain();
        var first = await Table.UpsertRowAsync(Entry(grain));
        var updated = Entry(grain, eTag: first) with { StartAt = Start.AddHours(1), Period = TimeSpan.FromHours(2) };

        var second = await Table.UpsertRowAsync(updated);

        second.Should().NotBeNull().And.NotBe(first);
        (await Table.ReadRowAsync(grain, "expire")).Should().Be(updated with { ETag = second });
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_a_conflict_and_changes_nothing()
    {
        var grain = NewGrain();
        var first = await Table.UpsertRowAsync(Entry(grain));
        var second = await Table.UpsertRowAsync(Entry(grain, eTag: first) with { Period = TimeSpan.FromHours(1) });

        (await Table.UpsertRowAsync(Entry(grain, eTag: first) with { Period = TimeSpan.FromHours(9) })).Should().BeNull();

        (await Table.ReadRowAsync(grain, "expire"))!.Period.Should().Be(TimeSpan.FromHours(1));
        (await Table.ReadRowAsync(grain, "expire"))!.ETag.Should().Be(second);
    }

    [Fact]
    public async Task An_update_of_a_removed_reminder_is_a_conflict()
    {
        var grain = NewGrain();
        var eTag = await Table.UpsertRowAsync(Entry(grain));
        await Table.RemoveRowAsync(grain, "expire", eTag!);

        (await Table.UpsertRowAsync(Entry(grain, eTag: eTag))).Should().BeNull();
        (await Table.ReadRowAsync(grain, "expire")).Should().BeNull();
    }

    [Fact]
    public async Task A_reminder_is_removed_only_with_its_current_etag()
    {
        var grain = NewGrain();
        var first = await Table.UpsertRowAsync(Entry(grain));
        var second = await Table.UpsertRowAsync(Entry(grain, eTag: first));

        (await Table.RemoveRowAsync(grain, "expire", first!)).Should().BeFalse();
        (await Table.ReadRowAsync(grain, "expire")).Should().NotBeNull();

        (await Table.RemoveRowAsync(grain, "expire", second!)).Should().BeTrue();
        (await Table.ReadRowAsync(grain, "expire")).Should().BeNull();
        (await Table.RemoveRowAsync(grain, "expire", second!)).Should().BeFalse("it is gone");
    }

    [Fact]
    public async Task An_etag_is_never_issued_twice_even_after_remove_and_insert_again()
    {
        var grain = NewGrain();
        var beforeRemoval = await Table.UpsertRowAsync(Entry(grain));
        await Table.RemoveRowAsync(grain, "expire", beforeRemoval!);

        var afterReinsert = await Table.UpsertRowAsync(Entry(grain));

        afterReinsert.Should().NotBe(beforeRemoval);
        (await Table.RemoveRowAsync(grain, "expire", beforeRemoval!)).Should().BeFalse("a handle from before the removal is stale");
    }

    [Fact]
    public async Task Reading_by_grain_returns_exactly_that_grains_reminders()
    {
        var grain = NewGrain();
        var sameKeyOtherType = GrainId.Create(new GrainType("wishlist"), grain.Key);
        var other = NewGrain();
        await Table.UpsertRowAsync(Entry(grain, "expire"));
        await Table.UpsertRowAsync(Entry(grain, "remind"));
        await Table.UpsertRowAsync(Entry(sameKeyOtherType, "expire"));
        await Table.UpsertRowAsync(Entry(other, "expire"));

        var rows = await Table.ReadRowsAsync(grain);

        rows.Select(r => (r.GrainId, r.ReminderName)).Should().BeEquivalentTo([(grain, "expire"), (grain, "remind")]);
        (await Table.ReadRowsAsync(NewGrain())).Should().BeEmpty();
    }

    [Fact]
    public async Task Reading_all_returns_every_reminder_of_every_grain()
    {
        var first = NewGrain();
        var second = NewGrain();
        await Table.UpsertRowAsync(Entry(first));
        await Table.UpsertRowAsync(Entry(second, "remind"));

        var all = await Table.ReadAllAsync();

        all.Select(r => (r.GrainId, r.ReminderName)).Should().Contain([(first, "expire"), (second, "remind")]);
    }
}

public sealed class InMemoryReminderTableTests : ReminderTableContract
{
    protected override IReminderTable Table { get; } = new InMemoryReminderTable();
}
