using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>The generator reuses its outputs when an edit does not change a grain's shape.</summary>
public sealed class IncrementalGenerationTests
{
    private static readonly IncrementalStepRunReason[] Reused = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_generated_output()
    {
        var compilation = GeneratorHarness.Compile(SampleSources.Contracts, SampleSources.Grains);
        var first = GeneratorHarness.Run(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Shop.Tools { public static class Money { public static decimal Round(decimal value) => decimal.Round(value, 2); } }",
            GeneratorHarness.ParseOptions,
            "Money.cs"));
        var second = GeneratorHarness.Run(first.Driver, edited);

        ReasonsOf(second.Result.TrackedOutputSteps.SelectMany(step => step.Value)).Should().NotBeEmpty()
            .And.OnlyContain(reason => Reused.Contains(reason));
        foreach (var name in new[] { TrackingNames.InterfaceModels, TrackingNames.ClassModels, TrackingNames.Registrations })
        {
            ReasonsOf(second.Result.TrackedSteps[name]).Should().NotBeEmpty().And.OnlyContain(reason => Reused.Contains(reason), name);
        }
    }

    [Fact]
    public void Editing_a_grain_method_body_reuses_every_generated_output()
    {
        var compilation = GeneratorHarness.Compile(SampleSources.Contracts, SampleSources.Grains);
        var first = GeneratorHarness.Run(compilation);

        var grains = compilation.SyntaxTrees.Single(tree => tree.FilePath == SampleSources.Grains.Path);
        var editedText = grains.ToString().Replace("Task.FromResult(value * 2)", "Task.FromResult(value * 3)", StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(grains, CSharpSyntaxTree.ParseText(editedText, GeneratorHarness.ParseOptions, grains.FilePath));
        var second = GeneratorHarness.Run(first.Driver, edited);

        second.CompilationProblems.Should().BeEmpty();
        ReasonsOf(second.Result.TrackedOutputSteps.SelectMany(step => step.Value)).Should().NotBeEmpty()
            .And.OnlyContain(reason => Reused.Contains(reason));
    }

    [Fact]
    public void Adding_a_method_to_one_grain_interface_regenerates_only_that_proxy()
    {
        var compilation = GeneratorHarness.Compile(SampleSources.Contracts, SampleSources.Grains);
        var first = GeneratorHarness.Run(compilation);

        var contracts = compilation.SyntaxTrees.Single(tree => tree.FilePath == SampleSources.Contracts.Path);
        var editedText = contracts.ToString().Replace(
            "Task CancelAsync(string reason);",
            "Task CancelAsync(string reason);\n\n        Task<int> CountLinesAsync();",
            StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(contracts, CSharpSyntaxTree.ParseText(editedText, GeneratorHarness.ParseOptions, contracts.FilePath));
        var second = GeneratorHarness.Run(first.Driver, edited);

        var models = second.Result.TrackedSteps[TrackingNames.InterfaceModels].SelectMany(step => step.Outputs).ToList();
        models.Where(output => output.Reason == IncrementalStepRunReason.Modified)
            .Should().ContainSingle()
            .Which.Value.ToString().Should().Contain("IOrderGrain");
        models.Where(output => output.Reason != IncrementalStepRunReason.Modified)
            .Should().OnlyContain(output => Reused.Contains(output.Reason));

        // The registration names types only, so a new method leaves it as it was.
        ReasonsOf(second.Result.TrackedSteps[TrackingNames.Registrations]).Should().OnlyContain(reason => Reused.Contains(reason));
        second.GeneratedSource("Commerce.Runtime.Generated.Shop_Grains.Shop.Contracts.IOrderGrainProxy.g.cs").Should().Contain("CountLinesAsyncRequest");
    }

    private static IEnumerable<IncrementalStepRunReason> ReasonsOf(IEnumerable<IncrementalGeneratorRunStep> steps) =>
        steps.SelectMany(step => step.Outputs).Select(output => output.Reason);
}
