using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Commerce.Runtime.CodeGenerator.Diagnostics;
using Commerce.Runtime.CodeGenerator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Commerce.Runtime.CodeGenerator.Analysis
{
    /// <summary>Turns a grain class declaration into the model its factory is generated from.</summary>
    internal static class GrainClassAnalyzer
    {
        public static GrainClassResult? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            var node = (ClassDeclarationSyntax)context.Node;
            if (context.SemanticModel.GetDeclaredSymbol(node, cancellationToken) is not { } symbol) return null;
            if (symbol.IsAbstract || SymbolNames.IsGenericOrInGeneric(symbol)) return null;
            if (!DeclarationFilter.IsPrimaryDeclaration(symbol, node, cancellationToken)) return null;
            if (KnownTypes.Resolve(context.SemanticModel.Compilation) is not { } known) return null;
            if (!known.DerivesFromGrain(symbol) || !symbol.AllInterfaces.Any(known.IsGrainInterface)) return null;

            var classDisplay = symbol.ToDisplayString(SymbolNames.MessageFormat);
            var classLocation = node.Identifier.GetLocation();
            var diagnostics = new List<DiagnosticInfo>();

            if (SymbolNames.IsInaccessibleToGeneratedCode(symbol))
            {
                diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.InaccessibleType, classLocation, classDisplay, "class"));
            }

            var constructor = ChooseConstructor(symbol, classDisplay, classLocation, diagnostics);
            var arguments = new List<ConstructorArgumentModel>();
            foreach (var parameter in constructor?.Parameters ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (AnalyzeParameter(known, parameter, classDisplay, diagnostics) is { } argument) arguments.Add(argument);
            }

            var model = diagnostics.Count == 0 && constructor is not null && arguments.Count == constructor.Parameters.Length
                ? new GrainClassModel(
                    SymbolNames.Type(symbol),
                    SymbolNames.GeneratedNamespace(context.SemanticModel.Compilation.AssemblyName, symbol),
                    SymbolNames.FlatName(symbol) + "Factory",
                    new EquatableArray<ConstructorArgumentModel>(arguments))
                : null;
            return new GrainClassResult(model, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        /// <summary>The single public constructor, or the public one with the most parameters.</summary>
        private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol grainClass, string classDisplay, Location classLocation, List<DiagnosticInfo> diagnostics)
        {
            var candidates = grainClass.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            if (candidates.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.NoPublicConstructor, classLocation, classDisplay));
                return null;
            }

            var most = candidates.Max(c => c.Parameters.Length);
            var longest = candidates.Where(c => c.Parameters.Length == most).ToList();
            if (longest.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.AmbiguousConstructor, classLocation, classDisplay, most.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return null;
            }

            return longest[0];
        }

        /// <summary>How the factory obtains the argument; null when the parameter cannot be supplied.</summary>
        private static ConstructorArgumentModel? AnalyzeParameter(KnownTypes known, IParameterSymbol parameter, string classDisplay, List<DiagnosticInfo> diagnostics)
        {
            var location = parameter.Locations.FirstOrDefault(l => l.IsInSource);
            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.ByRefParameter, location, classDisplay, "constructor", parameter.Name, parameter.RefKind == RefKind.Ref ? "ref" : "out"));
                return null;
            }

            if (SymbolNames.ContainsErrors(parameter.Type)) return null;

            if (KnownTypes.FindAttribute(parameter, known.PersistentStateAttribute) is not { } state)
            {
                return new ConstructorArgumentModel(ConstructorArgumentKind.Service, SymbolNames.Type(parameter.Type), SymbolNames.TypeOf(parameter.Type), "", "");
            }

            if (parameter.Type is not INamedTypeSymbol stateType || !KnownTypes.Is(stateType.OriginalDefinition, known.IPersistentState))
            {
                diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.PersistentStateParameterType, location, classDisplay, parameter.Name, parameter.Type.ToDisplayString(SymbolNames.MessageFormat)));
                return null;
            }

            var arguments = state.ConstructorArguments;
            return new ConstructorArgumentModel(
                ConstructorArgumentKind.PersistentState,
                SymbolNames.Type(stateType.TypeArguments[0]),
                "",
                StringLiteral(arguments.Length > 0 ? arguments[0].Value : null, nullLiteral: "null!"),
                StringLiteral(arguments.Length > 1 ? arguments[1].Value : null, nullLiteral: "null"));
        }

        private static string StringLiteral(object? value, string nullLiteral) =>
            value is string text ? SymbolDisplay.FormatLiteral(text, quote: true) : nullLiteral;
    }
}
