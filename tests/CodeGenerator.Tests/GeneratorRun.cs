using Microsoft.CodeAnalysis;

namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>The outcome of one generator run: the driver (to run again), the compilation with generated code, and what the generator did.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, GeneratorRunResult Result)
{
    public IReadOnlyList<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Errors and warnings of the compilation including the generated code.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public IEnumerable<string> HintNames => Result.GeneratedSources.Select(s => s.HintName);

    public string GeneratedSource(string hintName) =>
        Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
