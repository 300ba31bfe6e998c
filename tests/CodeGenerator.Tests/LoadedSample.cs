using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Commerce.Runtime.CodeGenerator.Tests.Fakes;
using Microsoft.CodeAnalysis;

namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>
/// Grain code compiled with its generated code and loaded into a collectible context, with each
/// assembly's generated registration already run against one recording registry, as a silo that
/// loads several grain assemblies would.
/// </summary>
internal sealed class LoadedSample : IDisposable
{
    private readonly SampleLoadContext _context;

    private LoadedSample(SampleLoadContext context)
    {
        _context = context;
        foreach (var assembly in context.Loaded)
        {
            var registration = assembly.GetCustomAttribute<GrainCodeRegistrationAttribute>()
                ?? throw new InvalidOperationException($"The generated assembly attribute is missing from {assembly.GetName().Name}.");
            ((IGrainCodeRegistration)Activator.CreateInstance(registration.RegistrationType)!).Register(Registry);
        }
    }

    /// <summary>The assemblies in the order they were compiled, each referencing those before it.</summary>
    public IReadOnlyList<Assembly> Assemblies => _context.Loaded;

    /// <summary>The first (for the realistic sample, the only) assembly.</summary>
    public Assembly Assembly => _context.Loaded[0];

    public RecordingGrainCodeRegistry Registry { get; } = new();

    /// <summary>The realistic sample: <see cref="SampleSources.Contracts"/> and <see cref="SampleSources.Grains"/> in one assembly.</summary>
    public static LoadedSample Load() => Load((GeneratorHarness.AssemblyName, [SampleSources.Contracts, SampleSources.Grains]));

    /// <summary>
    /// Compiles each assembly in turn, the generator run over it, against the images of the ones
    /// before it, and loads them all; the code must compile without errors or warnings.
    /// </summary>
    public static LoadedSample Load(params (string Name, SourceFile[] Files)[] assemblies)
    {
        var context = new SampleLoadContext();
        var references = new List<MetadataReference>();
        try
        {
            foreach (var (name, files) in assemblies)
            {
                var run = GeneratorHarness.Run(GeneratorHarness.Compile(name, references, files));
                run.CompilationProblems.Should().BeEmpty();
                using var image = new MemoryStream();
                var emit = run.Output.Emit(image);
                emit.Success.Should().BeTrue(string.Join("\n", emit.Diagnostics));
                references.Add(MetadataReference.CreateFromImage(image.ToArray()));

                // The runtime abstractions are not loaded here, so they resolve to the test's own copy and the
                // generated types share Request, GrainReference and the registry interfaces with the tests.
                image.Position = 0;
                context.Loaded.Add(context.LoadFromStream(image));
            }

            return new LoadedSample(context);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    public Type Type(string fullName) =>
        _context.Loaded.Select(assembly => assembly.GetType(fullName)).FirstOrDefault(type => type is not null)
        ?? throw new TypeLoadException($"{fullName} is in none of the loaded assemblies.");

    /// <summary>A proxy for <paramref name="interfaceName"/>, made by the registered proxy factory.</summary>
    public object Proxy(string interfaceName, IGrainReferenceRuntime runtime) =>
        Registry.Interfaces[Type(interfaceName)].ProxyFactory(runtime, GrainId.Create(new GrainType("cart"), "cart-1"));

    /// <summary>Constructs a grain through its registered factory, inside a (fake) activation turn as the runtime would.</summary>
    public object CreateGrain(string className, IGrainContext context)
    {
        var setCurrent = typeof(RuntimeContext).GetProperty(nameof(RuntimeContext.Current))!.GetSetMethod(nonPublic: true)!;
        setCurrent.Invoke(null, [context]);
        try
        {
            return Registry.GrainClasses[Type(className)](context);
        }
        finally
        {
            setCurrent.Invoke(null, [null]);
        }
    }

    /// <summary>Calls an interface method on a proxy or grain and awaits what it returns.</summary>
    public async Task<object?> CallAsync(object target, string interfaceName, string method, params object?[] arguments)
    {
        var info = Type(interfaceName).GetMethods().Single(m => m.Name == method && Accepts(m.GetParameters(), arguments));
        return await AwaitAsync(info.Invoke(target, arguments)!);
    }

    /// <summary>Awaits a Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; held as an object and returns its result (null for none).</summary>
    public static async Task<object?> AwaitAsync(object awaitable)
    {
        if (awaitable is Task task)
        {
            await task;
            for (var type = task.GetType(); type is not null; type = type.BaseType)
            {
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)) return type.GetProperty("Result")!.GetValue(task);
                if (type == typeof(Task)) return null;
            }

            return null;
        }

        var asTask = awaitable.GetType().GetMethod("AsTask", System.Type.EmptyTypes)
            ?? throw new ArgumentException($"{awaitable.GetType()} is not awaitable.", nameof(awaitable));
        return await AwaitAsync(asTask.Invoke(awaitable, null)!);
    }

    private static bool Accepts(ParameterInfo[] parameters, object?[] arguments) =>
        parameters.Length == arguments.Length
        && parameters.Zip(arguments).All(pair => pair.Second is null ? !pair.First.ParameterType.IsValueType || Nullable.GetUnderlyingType(pair.First.ParameterType) is not null : pair.First.ParameterType.IsInstanceOfType(pair.Second));

    public void Dispose() => _context.Unload();

    /// <summary>Resolves references between the loaded sample assemblies; everything else comes from the test's own context.</summary>
    private sealed class SampleLoadContext() : AssemblyLoadContext("generated-sample", isCollectible: true)
    {
        public List<Assembly> Loaded { get; } = [];

        protected override Assembly? Load(AssemblyName assemblyName) =>
            Loaded.FirstOrDefault(assembly => AssemblyName.ReferenceMatchesDefinition(assemblyName, assembly.GetName()));
    }
}
