using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>Compiles in-memory sources against the runtime abstractions and runs the grain code generator over them.</summary>
internal static class GeneratorHarness
{
    public const string AssemblyName = "Shop.Grains";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation Compile(params SourceFile[] files) => Compile(AssemblyName, [], files);

    public static CSharpCompilation Compile(string assemblyName, IEnumerable<MetadataReference> extraReferences, params SourceFile[] files) =>
        CSharpCompilation.Create(
            assemblyName,
            files.Select(file => CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path)),
            References.Value.AddRange(extraReferences),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // The SDK suppresses these assembly-unification notices too.
                specificDiagnosticOptions: [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new GrainCodeGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation);

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        result.Exception.Should().BeNull();
        driverDiagnostics.Should().BeEquivalentTo(result.Diagnostics, "the generator reports its diagnostics and nothing else fails");
        return new GeneratorRun(driver, output, result);
    }

    public static MetadataReference ToReference(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        emit.Success.Should().BeTrue(string.Join("\n", emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    /// <summary>The framework the tests run on, plus the runtime abstractions.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var abstractions = typeof(Grain).Assembly.Location;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "mscorlib.dll" or "netstandard.dll"));
        return [.. framework.Append(abstractions).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
