using System.Collections.Immutable;
using Commerce.Runtime.CodeGenerator.Analysis;
using Commerce.Runtime.CodeGenerator.Emit;
using Commerce.Runtime.CodeGenerator.Model;
using Microsoft.CodeAnalysis;

namespace Commerce.Runtime.CodeGenerator
{
    /// <summary>
    /// Generates, for the grain interfaces and grain classes declared in a compilation, the proxies,
    /// per-method requests and grain factories the runtime calls, and one registration per assembly
    /// that lists them, so that no reflection is needed on the call path.
    /// </summary>
    /// <remarks>
    /// The pipeline carries only plain, equatable models (strings and arrays of them), never symbols
    /// or syntax, so an edit that does not change a grain's shape reuses every generated file.
    /// </remarks>
    [Generator(LanguageNames.CSharp)]
    public sealed class GrainCodeGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var interfaceResults = context.SyntaxProvider
                .CreateSyntaxProvider(DeclarationFilter.IsCandidateInterface, GrainInterfaceAnalyzer.Analyze)
                .Where(static result => result is not null)
                .Select(static (result, _) => result!)
                .WithTrackingName(TrackingNames.InterfaceAnalysis);

            var classResults = context.SyntaxProvider
                .CreateSyntaxProvider(DeclarationFilter.IsCandidateClass, GrainClassAnalyzer.Analyze)
                .Where(static result => result is not null)
                .Select(static (result, _) => result!)
                .WithTrackingName(TrackingNames.ClassAnalysis);

            // Diagnostics travel apart from the models: moving a declaration within its file changes
            // where an error points, but must not regenerate the code.
            context.RegisterSourceOutput(interfaceResults.Select(static (result, _) => result.Diagnostics), ReportDiagnostics);
            context.RegisterSourceOutput(classResults.Select(static (result, _) => result.Diagnostics), ReportDiagnostics);

            var interfaceModels = interfaceResults
                .Select(static (result, _) => result.Model)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.InterfaceModels);

            var classModels = classResults
                .Select(static (result, _) => result.Model)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.ClassModels);

            context.RegisterSourceOutput(interfaceModels, static (output, model) =>
                output.AddSource(GeneratedCode.HintName(model.GeneratedNamespace, model.ProxyName), ProxyEmitter.Emit(model)));

            context.RegisterSourceOutput(classModels, static (output, model) =>
                output.AddSource(GeneratedCode.HintName(model.GeneratedNamespace, model.FactoryName), GrainFactoryEmitter.Emit(model)));

            // The registration only needs the generated type names, so changes to a method leave it cached.
            var registrations = interfaceModels
                .Select(static (model, _) => new InterfaceRegistration(model.InterfaceType, model.ProxyType))
                .Collect()
                .Combine(classModels.Select(static (model, _) => new GrainClassRegistration(model.ClassType, model.FactoryType)).Collect())
                .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName).WithTrackingName(TrackingNames.AssemblyName))
                .WithTrackingName(TrackingNames.Registrations);

            context.RegisterSourceOutput(registrations, static (output, input) =>
            {
                var ((interfaces, classes), assemblyName) = input;
                if (interfaces.IsEmpty && classes.IsEmpty) return;
                output.AddSource(
                    GeneratedCode.HintName(SymbolNames.AssemblyNamespace(assemblyName), RegistrationEmitter.TypeName(assemblyName)),
                    RegistrationEmitter.Emit(assemblyName, interfaces, classes));
            });
        }

        private static void ReportDiagnostics(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }
    }
}
