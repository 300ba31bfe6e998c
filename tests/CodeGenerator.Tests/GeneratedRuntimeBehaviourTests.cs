using System.Reflection;
using Commerce.Runtime.CodeGenerator.Tests.Fakes;

namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>The generated code, compiled and loaded, behaves as the runtime expects.</summary>
public sealed class GeneratedRuntimeBehaviourTests : IDisposable
{
    private const string Cart = "Shop.Contracts.ICartGrain";
    private const string Priced = "Shop.Contracts.IPricedGrain";
    private readonly LoadedSample _sample = LoadedSample.Load();
    private readonly RecordingGrainReferenceRuntime _runtime = new();

    public void Dispose() => _sample.Dispose();

    [Fact]
    public void Registration_lists_every_grain_interface_and_grain_class_of_the_assembly()
    {
        _sample.Registry.Interfaces.Keys.Select(t => t.FullName).Should().BeEquivalentTo(
            "Shop.Contracts.IPricedGrain",
            "Shop.Contracts.ICartGrain",
            "Shop.Contracts.IOrderGrain",
            "Shop.Contracts.IInventoryGrain",
            "Shop.Contracts.IAuditGrain",
            "Shop.Contracts.Catalog+ISearchGrain");
        _sample.Registry.GrainClasses.Keys.Select(t => t.FullName).Should().BeEquivalentTo(
            "Shop.Grains.CartGrain", "Shop.Grains.OrderGrain", "Shop.Grains.InventoryGrain", "Shop.Grains.SearchGrain");
    }

    [Fact]
    public void Proxy_is_a_grain_reference_that_implements_its_interface_and_every_inherited_one()
    {
        var proxy = _sample.Proxy(Cart, _runtime);

        proxy.Should().BeAssignableTo<GrainReference>().Which.GrainId.ToString().Should().Be("cart/cart-1");
        _sample.Type(Cart).IsInstanceOfType(proxy).Should().BeTrue();
        _sample.Type(Priced).IsInstanceOfType(proxy).Should().BeTrue();
    }

    [Fact]
    public async Task Proxy_call_sends_a_request_with_the_method_name_options_and_arguments_and_returns_the_response()
    {
        var id = Guid.NewGuid();
        _runtime.Response = "found";

        var result = await _sample.CallAsync(_sample.Proxy(Cart, _runtime), Cart, "FindAsync", id, (long?)7);

        result.Should().Be("found");
        var request = _runtime.Sent.Should().ContainSingle().Subject;
        request.MethodName.Should().Be("FindAsync");
        request.InterfaceType.Should().Be(_sample.Type(Cart));
        request.MethodId.Should().Be(9);
        request.Options.Should().Be(RequestOptions.ReadOnly | RequestOptions.AlwaysInterleave);
        request.ArgumentCount.Should().Be(2);
        request.GetArgument(0).Should().Be(id);
        request.GetArgument(1).Should().Be(7L);
    }

    [Fact]
    public async Task Void_method_request_has_no_options_and_completes_when_the_response_arrives()
    {
        var line = Activator.CreateInstance(_sample.Type("Shop.Contracts.CartLine"), "sku-1", 2, (decimal?)9.5m)!;
        _runtime.Response = default(VoidResult);

        await _sample.CallAsync(_sample.Proxy(Cart, _runtime), Cart, "AddLineAsync", line, null);

        var request = _runtime.Sent.Should().ContainSingle().Subject;
        request.MethodName.Should().Be("AddLineAsync");
        request.Options.Should().Be(RequestOptions.None);
        request.ArgumentCount.Should().Be(2);
        request.GetArgument(0).Should().BeSameAs(line);
        request.GetArgument(1).Should().BeNull();
    }

    [Fact]
    public async Task ValueTask_method_is_answered_through_the_same_request_path()
    {
        _runtime.Response = 3;

        var count = await _sample.CallAsync(_sample.Proxy(Cart, _runtime), Cart, "CountAsync");

        count.Should().Be(3);
        _runtime.Sent.Should().ContainSingle().Which.Options.Should().Be(RequestOptions.AlwaysInterleave);
    }

    [Fact]
    public void One_way_call_completes_at_once_and_sends_a_one_way_request()
    {
        var method = _sample.Type(Cart).GetMethod("TouchAsync")!;

        var task = (Task)method.Invoke(_sample.Proxy(Cart, _runtime), null)!;

        task.IsCompletedSuccessfully.Should().BeTrue();
        var request = _runtime.Sent.Should().ContainSingle().Subject;
        request.Options.Should().Be(RequestOptions.OneWay);
        request.ArgumentCount.Should().Be(0);
    }

    [Fact]
    public async Task Inherited_method_request_names_the_interface_that_declares_it()
    {
        _runtime.Response = 12.5m;

        var total = await _sample.CallAsync(_sample.Proxy(Cart, _runtime), Priced, "GetTotalAsync");

        total.Should().Be(12.5m);
        var request = _runtime.Sent.Should().ContainSingle().Subject;
        request.InterfaceType.Should().Be(_sample.Type(Priced));
        request.MethodId.Should().Be(0, "GetTotalAsync is IPricedGrain's first method");
        request.Options.Should().Be(RequestOptions.ReadOnly);
    }

    [Fact]
    public void Request_factories_are_indexed_by_method_id()
    {
        var factories = _sample.Registry.Interfaces[_sample.Type(Cart)].RequestFactories;

        factories.Select(create => create().MethodName).Should().Equal(
            "AddLineAsync", "GetLinesAsync", "CountAsync", "TouchAsync", "NotifyAsync", "ClearAsync", "TopAsync",
            "HistogramAsync", "MoveAsync", "FindAsync", "ScoreAsync", "ScoreAsync", "EchoAsync", "GetTotalAsync");
        factories.Select(create => create()).Distinct().Should().HaveCount(factories.Length, "each call gets a fresh request");
    }

    [Fact]
    public void Arguments_set_by_index_are_read_back_and_out_of_range_indexes_are_rejected()
    {
        var request = RequestFor(Cart, "MoveAsync");

        request.SetArgument(0, "a");
        request.SetArgument(1, "b");
        request.SetArgument(2, 3);
        request.SetArgument(3, null);

        Enumerable.Range(0, request.ArgumentCount).Select(request.GetArgument).Should().Equal("a", "b", 3, null);
        request.Invoking(r => r.GetArgument(4)).Should().Throw<ArgumentOutOfRangeException>();
        request.Invoking(r => r.SetArgument(4, 1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Grain_factory_passes_the_persistent_state_and_the_services_to_the_constructor()
    {
        var clock = Activator.CreateInstance(_sample.Type("Shop.Grains.FixedClock"))!;
        var context = new RecordingGrainContext(new Dictionary<Type, object> { [_sample.Type("Shop.Contracts.IClock")] = clock });

        var grain = _sample.CreateGrain("Shop.Grains.CartGrain", context);

        context.StatesRequested.Should().Equal((_sample.Type("Shop.Grains.CartState"), "cart", "store"));
        grain.GetType().GetProperty("Clock")!.GetValue(grain).Should().BeSameAs(clock);
        grain.GetType().GetProperty("Cart")!.GetValue(grain).Should().NotBeNull();
    }

    [Fact]
    public async Task Request_made_from_its_method_id_invokes_the_grain_method_with_its_arguments()
    {
        var clock = Activator.CreateInstance(_sample.Type("Shop.Grains.FixedClock"))!;
        var grain = _sample.CreateGrain("Shop.Grains.CartGrain", new RecordingGrainContext(new Dictionary<Type, object> { [_sample.Type("Shop.Contracts.IClock")] = clock }));
        var factories = _sample.Registry.Interfaces[_sample.Type(Cart)].RequestFactories;

        var scoreOfInt = factories[10]();
        scoreOfInt.SetArgument(0, 21);
        var scoreOfString = factories[11]();
        scoreOfString.SetArgument(0, "abc");

        (await InvokeAsync(scoreOfInt, grain)).Should().Be(42);
        (await InvokeAsync(scoreOfString, grain)).Should().Be(3);
    }

    [Fact]
    public async Task Void_grain_method_runs_through_its_request_and_yields_a_VoidResult()
    {
        var clock = Activator.CreateInstance(_sample.Type("Shop.Grains.FixedClock"))!;
        var grain = _sample.CreateGrain("Shop.Grains.CartGrain", new RecordingGrainContext(new Dictionary<Type, object> { [_sample.Type("Shop.Contracts.IClock")] = clock }));

        (await InvokeAsync(RequestFor(Cart, "TouchAsync"), grain)).Should().Be(default(VoidResult));

        grain.GetType().GetProperty("Touched")!.GetValue(grain).Should().Be(clock.GetType().GetProperty("UtcNow")!.GetValue(clock));
    }

    private Request RequestFor(string interfaceName, string methodName) =>
        _sample.Registry.Interfaces[_sample.Type(interfaceName)].RequestFactories.Select(create => create()).First(r => r.MethodName == methodName);

    /// <summary>Runs the request's generated InvokeInner, as the runtime does when the request reaches the activation.</summary>
    private static Task<object?> InvokeAsync(Request request, object grain)
    {
        var invokeInner = request.GetType().GetMethod("InvokeInner", BindingFlags.Instance | BindingFlags.NonPublic)!;
        return LoadedSample.AwaitAsync(invokeInner.Invoke(request, [grain])!);
    }
}
