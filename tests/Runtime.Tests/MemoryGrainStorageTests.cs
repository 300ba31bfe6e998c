using Commerce.Runtime.Storage;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class MemoryGrainStorageTests
{
    private static readonly GrainId Cart = GrainId.Create(new GrainType("cart"), "u1");

    private sealed class Holder<T> : IGrainState<T>
    {
        public T State { get; set; } = default!;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    [Fact]
    public async Task Stored_state_is_a_copy_not_the_writers_object()
    {
        var storage = new MemoryGrainStorage();
        var written = new Holder<List<string>> { State = ["a"] };
        await storage.WriteStateAsync("items", Cart, written);
        written.State.Add("changed after write");

        var read = new Holder<List<string>>();
        await storage.ReadStateAsync("items", Cart, read);

        read.State.Should().Equal("a");
        read.ETag.Should().Be(written.ETag);
        read.RecordExists.Should().BeTrue();
    }

    [Fact]
    public async Task Two_first_writes_race_and_exactly_one_wins()
    {
        var storage = new MemoryGrainStorage();
        var first = new Holder<int> { State = 1 };
        var second = new Holder<int> { State = 2 };

        await storage.WriteStateAsync("n", Cart, first);
        var losing = () => storage.WriteStateAsync("n", Cart, second);

        (await losing.Should().ThrowAsync<InconsistentStateException>()).Which.StoredEtag.Should().Be(first.ETag);
    }

    [Fact]
    public async Task A_stale_clear_is_rejected_and_keeps_the_record()
    {
        var storage = new MemoryGrainStorage();
        var writer = new Holder<int> { State = 1 };
        await storage.WriteStateAsync("n", Cart, writer);
        var stale = new Holder<int> { ETag = "0" };

        var clearing = () => storage.ClearStateAsync("n", Cart, stale);

        await clearing.Should().ThrowAsync<InconsistentStateException>();
        var read = new Holder<int>();
        await storage.ReadStateAsync("n", Cart, read);
        read.State.Should().Be(1);
    }
}
