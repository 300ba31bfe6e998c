namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>Grain code that is legal C# but easy to generate wrongly.</summary>
public sealed class EdgeCaseTests
{
    [Fact]
    public void Unusual_but_valid_grain_interfaces_compile_without_errors_or_warnings()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile("1st-Shop.Grains", [], new SourceFile("Edge.cs", """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Commerce.Runtime;

            public interface IGlobalGrain : IGrainWithStringKey
            {
                Task PingAsync();
            }

            namespace Shop.Edge
            {
                public interface IHasName<T>
                {
                    Task<T> GetNameAsync();
                }

                /// <summary>Members named like GrainReference's own, a keyword method name, a nullable generic base.</summary>
                public interface IClashGrain : IGrainWithStringKey, IHasName<string?>
                {
                    Task<bool> Equals(IClashGrain? other);

                    Task<int> GetHashCode(int seed);

                    Task<string> ToString(string format);

                    Task InvokeAsync(object request);

                    Task @class(int @int, string? @string, dynamic value);

                    Task<(int Count, string? Name)> TupleAsync((long Id, List<string?> Tags) input, int[][] jagged, int[,] grid);

                    Task CreateRequestFactories();

                    [Obsolete("Use PingAsync")]
                    Task OldAsync();
                }

                public partial interface IPartialGrain : IGrainWithGuidKey
                {
                    Task FirstAsync();
                }

                public partial interface IPartialGrain
                {
                    Task SecondAsync();
                }

                public interface IA : IGrainWithStringKey { Task AAsync(); }

                public interface IB : IA { Task BAsync(); }

                public interface IC : IA { Task CAsync(); }

                /// <summary>A diamond, and a method hiding an inherited one with the same signature.</summary>
                public interface ID : IB, IC
                {
                    new Task AAsync();
                }

                public abstract class AuditedGrain : Grain
                {
                    protected AuditedGrain(IServiceProvider services) => Services = services;

                    protected IServiceProvider Services { get; }
                }

                [Obsolete("Kept for old data")]
                public sealed class LegacyState { }

                public sealed partial class DiamondGrain : AuditedGrain
                {
                    [Obsolete("Use the other one")]
                    public DiamondGrain(IServiceProvider services, [PersistentState("legacy")] IPersistentState<LegacyState?> legacy) : base(services)
                    {
                        Legacy = legacy;
                    }

                    public object Legacy { get; }
                }

                public sealed partial class DiamondGrain : ID
                {
                    public Task AAsync() => Task.CompletedTask;

                    public Task BAsync() => Task.CompletedTask;

                    public Task CAsync() => Task.CompletedTask;
                }
            }

            #nullable disable
            namespace Shop.Oblivious
            {
                public interface IObliviousGrain : IGrainWithIntegerKey
                {
                    Task<string> EchoAsync(string value, List<string> values);
                }

                public sealed class ObliviousGrain : Grain, IObliviousGrain
                {
                    public ObliviousGrain(string prefix) => Prefix = prefix;

                    public string Prefix { get; }

                    public Task<string> EchoAsync(string value, List<string> values) => Task.FromResult(Prefix + value);
                }
            }
            """)));

        run.GeneratorDiagnostics.Should().BeEmpty();
        run.CompilationProblems.Should().BeEmpty();
        run.HintNames.Should().Contain("Commerce.Runtime.Generated._1st_Shop_Grains.IGlobalGrainProxy.g.cs")
            .And.Contain("Commerce.Runtime.Generated._1st_Shop_Grains.Shop.Edge.IPartialGrainProxy.g.cs")
            .And.Contain("Commerce.Runtime.Generated._1st_Shop_Grains.Shop.Edge.DiamondGrainFactory.g.cs")
            .And.Contain("Commerce.Runtime.Generated._1st_Shop_Grains.GrainCodeRegistration__1st_Shop_Grains.g.cs");
        run.GeneratedSource("Commerce.Runtime.Generated._1st_Shop_Grains.Shop.Edge.IDProxy.g.cs")
            .Should().Contain("global::Shop.Edge.ID.AAsync()").And.Contain("global::Shop.Edge.IA.AAsync()");
    }

    [Fact]
    public void Dynamic_arguments_are_passed_as_object_so_generated_calls_need_no_runtime_binder()
    {
        // The harness does not reference Microsoft.CSharp: a dynamically bound call would not emit.
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(new SourceFile("Dynamic.cs", """
            using System.Threading.Tasks;
            using Commerce.Runtime;
            namespace Shop.Scripts
            {
                public interface IScriptGrain : IGrainWithStringKey
                {
                    Task<int> RunAsync(dynamic input, dynamic? options, int count);
                }
            }
            """)));

        run.CompilationProblems.Should().BeEmpty();
        using var image = new System.IO.MemoryStream();
        var emit = run.Output.Emit(image);
        emit.Success.Should().BeTrue(string.Join("\n", emit.Diagnostics));
        run.GeneratedSource("Commerce.Runtime.Generated.Shop_Grains.Shop.Scripts.IScriptGrainProxy.g.cs")
            .Should().Contain("writer.Write<dynamic>((object)Arg0);")
            .And.Contain("writer.Write<dynamic?>((object?)Arg1);")
            .And.Contain("Arg0 = reader.Read<dynamic>();")
            .And.Contain(".RunAsync((object)Arg0, (object?)Arg1, Arg2)");
    }

    [Fact]
    public void Grain_interface_nested_in_a_generic_class_is_reported_as_CRG005()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(new SourceFile("Nested.cs", """
            using System.Threading.Tasks;
            using Commerce.Runtime;
            public sealed class Box<T>
            {
                public interface IBoxGrain : IGrainWithStringKey { Task<T> GetAsync(); }
            }
            """)));

        run.GeneratorDiagnostics.Should().ContainSingle().Which.Id.Should().Be("CRG005");
        run.CompilationProblems.Should().BeEmpty();
    }
}
