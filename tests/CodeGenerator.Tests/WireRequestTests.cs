using System.Reflection;
using Commerce.Runtime.CodeGenerator.Tests.Fakes;

namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>
/// A request crosses the wire as (InterfaceType, MethodId) plus its arguments: the receiving silo
/// recreates it with <c>registry.Factories(InterfaceType)[MethodId]()</c> and reads the arguments
/// back in. Checked against the compiled and loaded generated code.
/// </summary>
public sealed class WireRequestTests
{
    private const string Vip = "Shop.Vip.IVipGrain";

    [Fact]
    public void Request_for_a_method_inherited_from_a_grain_interface_of_the_same_assembly_names_that_interface_and_the_method_index_in_its_table()
    {
        using var sample = LoadedSample.Load(("Shop.Loyalty", [InheritanceSources.Loyalty, InheritanceSources.Vip]));

        InheritedGrainInterfaceRequestsNameTheDeclaringInterface(sample);
    }

    [Fact]
    public void Request_for_a_method_inherited_from_a_grain_interface_of_another_assembly_names_that_interface_and_the_method_index_in_its_table()
    {
        using var sample = LoadedSample.Load(("Shop.Loyalty", [InheritanceSources.Loyalty]), ("Shop.Vip", [InheritanceSources.Vip]));

        sample.Type(Vip).Assembly.Should().NotBeSameAs(sample.Type("Shop.Loyalty.IPointsGrain").Assembly);
        InheritedGrainInterfaceRequestsNameTheDeclaringInterface(sample);
    }

    [Fact]
    public void Request_for_a_method_of_a_plain_base_interface_names_the_proxy_interface_and_the_method_index_in_its_table()
    {
        using var sample = LoadedSample.Load(("Shop.Loyalty", [InheritanceSources.Loyalty]), ("Shop.Vip", [InheritanceSources.Vip]));
        var runtime = new RecordingGrainReferenceRuntime();
        var proxy = sample.Proxy(Vip, runtime);
        var named = sample.Type("Shop.Loyalty.INamed");

        var requests = named.GetMethods().Select(method => Send(runtime, proxy, method, SampleArguments(method))).ToList();

        requests.Should().HaveCount(2).And.OnlyContain(request => request.InterfaceType == sample.Type(Vip));
        requests.Select(request => (request.MethodName, request.MethodId)).Should().BeEquivalentTo(
            new[] { ("GetNameAsync", 2), ("RenameAsync", 3) }, "the proxy's own methods come first, then INamed's, as the first inherited interface by name");
        AllRecreatedAtTheirMethodId(sample, requests);
    }

    [Fact]
    public void Request_for_a_method_of_a_generic_grain_interface_names_the_proxy_interface_because_a_generic_grain_interface_has_no_table()
    {
        using var sample = LoadedSample.Load(("Shop.Repository", [InheritanceSources.GenericBase]));
        var runtime = new RecordingGrainReferenceRuntime();
        const string Customers = "Shop.Repository.ICustomerRepositoryGrain";
        var customers = sample.Type(Customers);
        var proxy = sample.Proxy(Customers, runtime);

        var requests = GrainCalls(customers).Select(method => Send(runtime, proxy, method, SampleArguments(method))).ToList();

        sample.Registry.Interfaces.Keys.Should().Equal(customers);
        requests.Should().OnlyContain(request => request.InterfaceType == customers);
        requests.Select(request => (request.MethodName, request.MethodId)).Should().BeEquivalentTo(
            new[] { ("CountAsync", 0), ("GetAsync", 1), ("PutAsync", 2) });
        AllRecreatedAtTheirMethodId(sample, requests);
        ArgumentsRoundTrip(sample, customers);
    }

    [Fact]
    public void Every_request_of_the_realistic_sample_is_recreated_by_the_table_of_its_interface_type_at_its_method_id()
    {
        using var sample = LoadedSample.Load();
        var runtime = new RecordingGrainReferenceRuntime();

        // What proxies send, for every method of every grain interface including inherited ones, and
        // what every table creates.
        var sent = sample.Registry.Interfaces.Keys
            .SelectMany(grainInterface => GrainCalls(grainInterface).Select(method =>
                Send(runtime, sample.Proxy(grainInterface.FullName!, runtime), method, SampleArguments(method))))
            .ToList();
        var created = sample.Registry.Interfaces.Values.SelectMany(entry => entry.RequestFactories.Select(create => create())).ToList();

        sent.Should().HaveCount(22);
        created.Should().HaveCount(22);
        AllRecreatedAtTheirMethodId(sample, sent.Concat(created));
    }

    [Fact]
    public void Every_argument_of_the_realistic_sample_is_written_with_its_declared_type_and_read_back_into_the_request_the_receiver_creates()
    {
        using var sample = LoadedSample.Load();

        var methods = sample.Registry.Interfaces.Keys.Sum(grainInterface => ArgumentsRoundTrip(sample, grainInterface));

        methods.Should().Be(22);
    }

    [Fact]
    public void Arguments_of_inherited_and_overloaded_methods_from_another_assembly_are_written_and_read_back_with_their_declared_types()
    {
        using var sample = LoadedSample.Load(("Shop.Loyalty", [InheritanceSources.Loyalty]), ("Shop.Vip", [InheritanceSources.Vip]));

        ArgumentsRoundTrip(sample, sample.Type(Vip)).Should().Be(11);
    }

    [Fact]
    public void Every_request_class_overrides_MethodId_and_only_those_with_arguments_override_WriteArguments_and_ReadArguments()
    {
        using var sample = LoadedSample.Load();

        var requestTypes = sample.Assembly.GetTypes().Where(type => typeof(Request).IsAssignableFrom(type)).ToList();

        requestTypes.Should().HaveCount(22);
        foreach (var type in requestTypes)
        {
            var request = (Request)Activator.CreateInstance(type)!;
            var hasArguments = request.ArgumentCount > 0;
            type.GetProperty(nameof(Request.MethodId))!.GetMethod!.DeclaringType.Should().Be(type);
            (type.GetMethod(nameof(Request.WriteArguments))!.DeclaringType == type).Should().Be(hasArguments, type.Name);
            (type.GetMethod(nameof(Request.ReadArguments))!.DeclaringType == type).Should().Be(hasArguments, type.Name);
        }
    }

    [Fact]
    public void Request_without_arguments_writes_and_reads_nothing()
    {
        using var sample = LoadedSample.Load();
        var request = sample.Registry.Interfaces[sample.Type("Shop.Contracts.ICartGrain")].RequestFactories
            .Select(create => create()).Single(r => r.MethodName == "GetLinesAsync");
        var writer = new RecordingArgumentWriter();

        request.WriteArguments(writer);
        request.ReadArguments(new RecordingArgumentReader([]));

        writer.Written.Should().BeEmpty();
    }

    /// <summary>
    /// Every method the <c>IVipGrain</c> proxy inherits from a grain interface is sent as (declaring
    /// interface, index of the method in that interface's own table), and that table, wherever it
    /// was generated, creates a request for the same method there.
    /// </summary>
    private static void InheritedGrainInterfaceRequestsNameTheDeclaringInterface(LoadedSample sample)
    {
        var runtime = new RecordingGrainReferenceRuntime();
        var vip = sample.Type(Vip);
        var proxy = sample.Proxy(Vip, runtime);
        var inherited = GrainCalls(vip).Where(method => method.DeclaringType != vip && typeof(IGrain).IsAssignableFrom(method.DeclaringType)).ToList();

        var requests = inherited.Select(method => (Method: method, Request: Send(runtime, proxy, method, SampleArguments(method)))).ToList();

        foreach (var (method, request) in requests)
        {
            request.InterfaceType.Should().Be(method.DeclaringType!, method.ToString());
            var table = sample.Registry.Interfaces[method.DeclaringType!].RequestFactories.Select(create => create()).ToList();
            table.Where(candidate => Signature(candidate) == Signature(request)).Should().ContainSingle(method.ToString());
            request.MethodId.Should().Be(table.FindIndex(candidate => Signature(candidate) == Signature(request)), method.ToString());
        }

        // Own methods in declaration order; the static property and the sealed method take no place.
        requests.Select(pair => (pair.Request.InterfaceType.Name, pair.Request.MethodName, pair.Request.ArgumentCount, pair.Request.MethodId))
            .Should().BeEquivalentTo(new[]
            {
                ("IPointsGrain", "AddAsync", 1, 0),
                ("IPointsGrain", "AddAsync", 2, 1),
                ("IPointsGrain", "GetBalanceAsync", 0, 2),
                ("IPointsGrain", "RedeemAsync", 2, 3),
                ("IPointsGrain", "ScoreAsync", 0, 4),
                ("ITierGrain", "GetTierAsync", 0, 0),
                ("ITierGrain", "AddAsync", 1, 1),
            });
        AllRecreatedAtTheirMethodId(sample, requests.Select(pair => pair.Request));
    }

    /// <summary><c>factories(request.InterfaceType)[request.MethodId]()</c> is a request for the same method.</summary>
    private static void AllRecreatedAtTheirMethodId(LoadedSample sample, IEnumerable<Request> requests)
    {
        foreach (var request in requests)
        {
            sample.Registry.Interfaces.Should().ContainKey(request.InterfaceType, request.ToString());
            var factories = sample.Registry.Interfaces[request.InterfaceType].RequestFactories;
            request.MethodId.Should().BeInRange(0, factories.Length - 1, Signature(request));

            var recreated = factories[request.MethodId]();

            recreated.MethodName.Should().Be(request.MethodName);
            Signature(recreated).Should().Be(Signature(request));
            recreated.Options.Should().Be(request.Options, Signature(request));
            recreated.InterfaceType.Should().Be(request.InterfaceType);
            recreated.MethodId.Should().Be(request.MethodId);
        }
    }

    /// <summary>
    /// Calls every method of <paramref name="grainInterface"/> (inherited ones too) on its proxy with
    /// sample arguments, writes the request's arguments, reads them into the request the receiver
    /// creates from the method id, and compares. Returns how many methods were checked.
    /// </summary>
    private static int ArgumentsRoundTrip(LoadedSample sample, Type grainInterface)
    {
        var runtime = new RecordingGrainReferenceRuntime();
        var proxy = sample.Proxy(grainInterface.FullName!, runtime);
        var methods = GrainCalls(grainInterface).ToList();
        foreach (var method in methods)
        {
            var arguments = SampleArguments(method);
            var declaredTypes = method.GetParameters().Select(parameter => parameter.ParameterType).ToList();
            var sent = Send(runtime, proxy, method, arguments);
            var writer = new RecordingArgumentWriter();

            sent.WriteArguments(writer);

            writer.Types.Should().Equal(declaredTypes, method.ToString());
            writer.Written.Select(entry => entry.Value).Should().Equal(arguments, method.ToString());

            var received = sample.Registry.Interfaces[sent.InterfaceType].RequestFactories[sent.MethodId]();
            var reader = new RecordingArgumentReader(writer.Written);

            received.ReadArguments(reader);

            reader.Types.Should().Equal(declaredTypes, method.ToString());
            reader.Remaining.Should().Be(0);
            received.ArgumentCount.Should().Be(arguments.Length);
            Enumerable.Range(0, received.ArgumentCount).Select(received.GetArgument).Should().Equal(arguments, method.ToString());
        }

        return methods.Count;
    }

    /// <summary>The methods a proxy of <paramref name="grainInterface"/> turns into requests: its own and every inherited interface's.</summary>
    private static IEnumerable<MethodInfo> GrainCalls(Type grainInterface) =>
        new[] { grainInterface }.Concat(grainInterface.GetInterfaces())
            .SelectMany(type => type.GetMethods())
            .Where(method => !method.IsStatic && method.IsVirtual);

    /// <summary>Calls <paramref name="method"/> on the proxy and returns the one request it sent.</summary>
    private static Request Send(RecordingGrainReferenceRuntime runtime, object proxy, MethodInfo method, object?[] arguments)
    {
        runtime.Sent.Clear();
        method.Invoke(proxy, arguments);
        return runtime.Sent.Should().ContainSingle(method.ToString()).Subject;
    }

    /// <summary>What identifies the method of a request: its name, argument types and result type.</summary>
    private static string Signature(Request request)
    {
        var type = request.GetType();
        var arguments = Enumerable.Range(0, request.ArgumentCount).Select(i => type.GetField($"Arg{i}")!.FieldType);
        var result = type.BaseType!.GetGenericArguments().Single();
        return $"{request.InterfaceType.Name}.{request.MethodName}({string.Join(", ", arguments)}) : {result}";
    }

    /// <summary>A distinct, non-default value for each parameter, so that swapped or dropped arguments show.</summary>
    private static object?[] SampleArguments(MethodInfo method) =>
        method.GetParameters().Select((parameter, index) => SampleValue(parameter.ParameterType, 10 * (index + 1))).ToArray();

    private static object? SampleValue(Type type, int seed)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return SampleValue(underlying, seed);
        if (type == typeof(string)) return $"text-{seed}";
        if (type == typeof(int)) return seed;
        if (type == typeof(long)) return 1_000L + seed;
        if (type == typeof(decimal)) return seed + 0.5m;
        if (type == typeof(Guid)) return new Guid(seed, 1, 2, [3, 4, 5, 6, 7, 8, 9, 10]);
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(seed);
        if (type == typeof(CancellationToken)) return new CancellationToken(canceled: true);
        if (type == typeof(object)) return $"object-{seed}";
        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 2);
            for (var i = 0; i < array.Length; i++) array.SetValue(SampleValue(type.GetElementType()!, seed + i), i);
            return array;
        }

        // Records and other data classes: their widest public constructor, fed sample values.
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select((parameter, index) => SampleValue(parameter.ParameterType, seed + index + 1)).ToArray());
    }
}
