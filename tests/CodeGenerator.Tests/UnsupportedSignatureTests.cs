using Microsoft.CodeAnalysis;

namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>Each unsupported grain signature is reported with its own id, on the offending member, and the rest still compiles.</summary>
public sealed class UnsupportedSignatureTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Commerce.Runtime;

        """;

    [Fact]
    public void Method_returning_neither_Task_nor_ValueTask_is_reported_as_CRG001()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public interface ICounterGrain : IGrainWithStringKey
            {
                int Count();
            }
            """);

        diagnostic.Id.Should().Be("CRG001");
        reportedAt.Should().Be("Count");
        diagnostic.GetMessage().Should().Contain("ICounterGrain").And.Contain("Count").And.Contain("int");
    }

    [Fact]
    public void Method_returning_a_task_by_reference_is_reported_as_CRG001()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public interface ICounterGrain : IGrainWithStringKey
            {
                ref Task Current();
            }
            """);

        diagnostic.Id.Should().Be("CRG001");
        reportedAt.Should().Be("Current");
    }

    [Fact]
    public void One_way_method_returning_a_value_is_reported_as_CRG002()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public interface ICounterGrain : IGrainWithStringKey
            {
                [OneWay]
                Task<int> IncrementAsync();
            }
            """);

        diagnostic.Id.Should().Be("CRG002");
        reportedAt.Should().Be("IncrementAsync");
    }

    [Theory]
    [InlineData("ref")]
    [InlineData("out")]
    [InlineData("in")]
    [InlineData("ref readonly")]
    public void Ref_parameter_is_reported_as_CRG003(string modifier)
    {
        var (diagnostic, reportedAt) = SingleDiagnostic($$"""
            public interface IWalletGrain : IGrainWithStringKey
            {
                Task TransferAsync({{modifier}} decimal amount);
            }
            """);

        diagnostic.Id.Should().Be("CRG003");
        reportedAt.Should().Be("amount");
        diagnostic.GetMessage().Should().Contain("IWalletGrain").And.Contain("TransferAsync").And.Contain(modifier);
    }

    [Fact]
    public void Generic_method_is_reported_as_CRG004()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public interface IStoreGrain : IGrainWithStringKey
            {
                Task<T> GetAsync<T>();
            }
            """);

        diagnostic.Id.Should().Be("CRG004");
        reportedAt.Should().Be("GetAsync");
    }

    [Fact]
    public void Generic_grain_interface_is_reported_as_CRG005()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public interface IRepositoryGrain<T> : IGrainWithStringKey
            {
                Task<T> GetAsync();
            }
            """);

        diagnostic.Id.Should().Be("CRG005");
        reportedAt.Should().Be("IRepositoryGrain");
    }

    [Theory]
    [InlineData("Task<int> Count { get; }", "Count", "property")]
    [InlineData("Task<int> this[int index] { get; }", "this", "indexer")]
    [InlineData("event EventHandler Changed;", "Changed", "event")]
    public void Property_indexer_or_event_is_reported_as_CRG006(string member, string name, string kind)
    {
        var (diagnostic, reportedAt) = SingleDiagnostic($$"""
            public interface ICounterGrain : IGrainWithStringKey
            {
                {{member}}
            }
            """);

        diagnostic.Id.Should().Be("CRG006");
        reportedAt.Should().Be(name);
        diagnostic.GetMessage().Should().Contain(kind);
    }

    [Theory]
    [InlineData("static abstract Task CreateAsync();", "CreateAsync")]
    [InlineData("static virtual Task<int> DefaultAsync() => Task.FromResult(0);", "DefaultAsync")]
    [InlineData("static abstract int Limit { get; }", "Limit")]
    public void Static_abstract_or_virtual_member_is_reported_as_CRG007(string member, string name)
    {
        var (diagnostic, reportedAt) = SingleDiagnostic($$"""
            public interface ICounterGrain : IGrainWithStringKey
            {
                {{member}}
            }
            """);

        diagnostic.Id.Should().Be("CRG007");
        reportedAt.Should().Be(name);
    }

    [Fact]
    public void Static_helpers_and_sealed_members_of_a_grain_interface_are_not_grain_calls_and_are_allowed()
    {
        var run = Generate("""
            public interface ICounterGrain : IGrainWithStringKey
            {
                const int Limit = 10;

                static int Clamp(int value) => Math.Min(value, Limit);

                Task<int> CountAsync();
            }
            """);

        run.GeneratorDiagnostics.Should().BeEmpty();
        run.CompilationProblems.Should().BeEmpty();
    }

    [Fact]
    public void Grain_class_without_a_public_constructor_is_reported_as_CRG008()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public interface ICounterGrain : IGrainWithStringKey { Task<int> CountAsync(); }

            public sealed class CounterGrain : Grain, ICounterGrain
            {
                internal CounterGrain() { }

                public Task<int> CountAsync() => Task.FromResult(0);
            }
            """);

        diagnostic.Id.Should().Be("CRG008");
        reportedAt.Should().Be("CounterGrain");
    }

    [Fact]
    public void Persistent_state_parameter_that_is_not_IPersistentState_is_reported_as_CRG009()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public sealed class CounterState { public int Count { get; set; } }

            public interface ICounterGrain : IGrainWithStringKey { Task<int> CountAsync(); }

            public sealed class CounterGrain([PersistentState("counter")] CounterState state) : Grain, ICounterGrain
            {
                public Task<int> CountAsync() => Task.FromResult(state.Count);
            }
            """);

        diagnostic.Id.Should().Be("CRG009");
        reportedAt.Should().Be("state");
        diagnostic.GetMessage().Should().Contain("CounterGrain").And.Contain("CounterState");
    }

    [Fact]
    public void Grain_class_with_two_public_constructors_of_the_most_parameters_is_reported_as_CRG010()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public interface ICounterGrain : IGrainWithStringKey { Task<int> CountAsync(); }

            public sealed class CounterGrain : Grain, ICounterGrain
            {
                private readonly int _start;

                public CounterGrain(IServiceProvider services) => _start = services.GetHashCode();

                public CounterGrain(IFormatProvider format) => _start = format.GetHashCode();

                public Task<int> CountAsync() => Task.FromResult(_start);
            }
            """);

        diagnostic.Id.Should().Be("CRG010");
        reportedAt.Should().Be("CounterGrain");
    }

    [Fact]
    public void Private_nested_grain_interface_is_reported_as_CRG011()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public sealed class Outer
            {
                private interface IHiddenGrain : IGrainWithStringKey
                {
                    Task PingAsync();
                }
            }
            """);

        diagnostic.Id.Should().Be("CRG011");
        reportedAt.Should().Be("IHiddenGrain");
    }

    [Fact]
    public void Ref_struct_parameter_is_reported_as_CRG012()
    {
        var (diagnostic, reportedAt) = SingleDiagnostic("""
            public interface IBlobGrain : IGrainWithStringKey
            {
                Task WriteAsync(ReadOnlySpan<byte> data);
            }
            """);

        diagnostic.Id.Should().Be("CRG012");
        reportedAt.Should().Be("data");
    }

    [Fact]
    public void Unsupported_member_of_an_inherited_grain_interface_is_reported_once_where_it_is_declared()
    {
        var run = Generate("""
            public interface IBaseGrain : IGrainWithStringKey
            {
                int Count();
            }

            public interface IDerivedGrain : IBaseGrain
            {
                Task PingAsync();
            }
            """);

        run.GeneratorDiagnostics.Should().ContainSingle().Which.Id.Should().Be("CRG001");
        run.HintNames.Should().NotContain(name => name.Contains("Proxy"), "neither interface can be proxied");
    }

    [Fact]
    public void Only_the_unsupported_interface_loses_its_proxy()
    {
        var run = Generate("""
            public interface IBrokenGrain : IGrainWithStringKey
            {
                int Count();
            }

            public interface IFineGrain : IGrainWithStringKey
            {
                Task PingAsync();
            }
            """);

        run.HintNames.Should().Contain(name => name.EndsWith(".IFineGrainProxy.g.cs"))
            .And.NotContain(name => name.EndsWith(".IBrokenGrainProxy.g.cs"));
    }

    private static string Wrap(string source) => Usings + "namespace Shop.Grains\n{\n" + source + "\n}\n";

    private static GeneratorRun Generate(string source) =>
        GeneratorHarness.Run(GeneratorHarness.Compile(new SourceFile("Grains.cs", Wrap(source))));

    /// <summary>
    /// The single generator diagnostic and the source text it points at; the user's code and whatever
    /// was generated must still compile.
    /// </summary>
    private static (Diagnostic Diagnostic, string ReportedAt) SingleDiagnostic(string source)
    {
        var run = Generate(source);
        run.CompilationProblems.Should().BeEmpty("an unsupported grain is skipped, not generated broken");
        var diagnostic = run.GeneratorDiagnostics.Should().ContainSingle().Subject;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        diagnostic.Location.GetLineSpan().Path.Should().Be("Grains.cs");
        var span = diagnostic.Location.SourceSpan;
        return (diagnostic, Wrap(source).Substring(span.Start, span.Length));
    }
}
