using Commerce.Runtime.Hosting;
using Commerce.Runtime.Storage;
using Commerce.Runtime.Testing;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task Written_state_survives_deactivation_and_unwritten_changes_do_not()
    {
        await using var cluster = await Clusters.StartAsync();
        var cart = cluster.GrainFactory.GetGrain<IStatefulGrain>("cart-1");
        await cart.AddAsync("saved", persist: true);
        await cart.AddAsync("not saved", persist: false);
        var first = await cart.InstanceAsync();

        await cart.DeactivateAsync();
        await Clusters.WaitUntilAsync(() => !cluster.IsActive(cart.GetGrainId()));

        (await cart.ItemsAsync()).Should().Equal("saved");
        (await cart.InstanceAsync()).Should().NotBe(first);
    }

    [Fact]
    public async Task Each_write_advances_the_etag()
    {
        await using var cluster = await Clusters.StartAsync();
        var cart = cluster.GrainFactory.GetGrain<IStatefulGrain>("cart-etag");

        (await cart.EtagAsync()).Should().BeNull();
        await cart.AddAsync("a", persist: true);
        var first = await cart.EtagAsync();
        await cart.AddAsync("b", persist: true);

        first.Should().NotBeNull();
        (await cart.EtagAsync()).Should().NotBe(first);
    }

    [Fact]
    public async Task Clearing_state_removes_the_record()
    {
        await using var cluster = await Clusters.StartAsync();
        var cart = cluster.GrainFactory.GetGrain<IStatefulGrain>("cart-clear");
        await cart.AddAsync("a", persist: true);

        await cart.ClearAsync();
        await cart.DeactivateAsync();
        await Clusters.WaitUntilAsync(() => !cluster.IsActive(cart.GetGrainId()));

        (await cart.ItemsAsync()).Should().BeEmpty();
        (await cart.EtagAsync()).Should().BeNull();
    }

    [Fact]
    public async Task A_stale_activation_cannot_overwrite_newer_state_and_is_deactivated()
    {
        // Two silos over one store, each with its own activation of the same grain: the situation a
        // membership change can produce for a moment. The one that read older state must lose.
        var store = new MemoryGrainStorage();
        void SharedStore(ISiloBuilder silo) => silo.AddGrainStorage(StorageNames.Default, _ => store);
        await using var siloA = await Clusters.StartAsync(configure: SharedStore);
        await using var siloB = await Clusters.StartAsync(configure: SharedStore);
        var inA = siloA.GrainFactory.GetGrain<IStatefulGrain>("contested");
        var inB = siloB.GrainFactory.GetGrain<IStatefulGrain>("contested");
        await inA.AddAsync("from A", persist: true);
        await inB.AddAsync("from B", persist: true);

        var staleWrite = () => inA.AddAsync("stale", persist: true);

        await staleWrite.Should().ThrowAsync<InconsistentStateException>();
        await Clusters.WaitUntilAsync(() => !siloA.IsActive(inA.GetGrainId()));
        (await inA.ItemsAsync()).Should().Equal("from A", "from B");
    }

    [Fact]
    public async Task A_grain_naming_a_missing_storage_provider_fails_with_a_clear_message()
    {
        await using var cluster = await TestCluster.StartAsync(
            configureServices: services =>
            {
                services.AddSingleton(new Probe());
                services.RemoveAllKeyed<IGrainStorage>(StorageNames.Default);
            });

        var call = () => cluster.GrainFactory.GetGrain<IStatefulGrain>("no-store").ItemsAsync();

        await call.Should().ThrowAsync<InvalidOperationException>().WithMessage("*No grain storage named 'Default'*");
    }
}
