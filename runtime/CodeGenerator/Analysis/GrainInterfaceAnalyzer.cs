using System;
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
    /// <summary>Turns a grain interface declaration into the model its proxy is generated from.</summary>
    internal static class GrainInterfaceAnalyzer
    {
        public static GrainInterfaceResult? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            var node = (InterfaceDeclarationSyntax)context.Node;
            if (context.SemanticModel.GetDeclaredSymbol(node, cancellationToken) is not { } symbol) return null;
            if (!DeclarationFilter.IsPrimaryDeclaration(symbol, node, cancellationToken)) return null;
            if (KnownTypes.Resolve(context.SemanticModel.Compilation) is not { } known) return null;
            if (!known.IsGrainInterface(symbol)) return null;

            var analysis = new Analysis(known, symbol, node.Identifier.GetLocation());
            analysis.Run(cancellationToken);
            var model = analysis.IsSupported
                ? new GrainInterfaceModel(
                    SymbolNames.Type(symbol),
                    SymbolNames.GeneratedNamespace(context.SemanticModel.Compilation.AssemblyName, symbol),
                    SymbolNames.FlatName(symbol) + "Proxy",
                    new EquatableArray<GrainMethodModel>(analysis.NameRequests()))
                : null;
            return new GrainInterfaceResult(model, new EquatableArray<DiagnosticInfo>(analysis.Diagnostics));
        }

        /// <summary>The state of analysing one interface: the methods found so far and the problems.</summary>
        private sealed class Analysis(KnownTypes known, INamedTypeSymbol grainInterface, Location interfaceLocation)
        {
            private readonly List<GrainMethodModel> _methods = [];

            public List<DiagnosticInfo> Diagnostics { get; } = [];

            /// <summary>False when a member cannot be proxied or a type failed to bind: no proxy is generated then.</summary>
            public bool IsSupported { get; private set; } = true;

            private string InterfaceDisplay => grainInterface.ToDisplayString(SymbolNames.MessageFormat);

            public void Run(CancellationToken cancellationToken)
            {
                if (SymbolNames.IsInaccessibleToGeneratedCode(grainInterface))
                {
                    Report(GrainDiagnostics.InaccessibleType, interfaceLocation, InterfaceDisplay, "interface");
                }

                if (SymbolNames.IsGenericOrInGeneric(grainInterface))
                {
                    Report(GrainDiagnostics.GenericInterface, interfaceLocation, InterfaceDisplay);
                }

                // The proxy's table follows this order: the interface's own methods in declaration order,
                // then those of each inherited interface, the interfaces ordered by their full names.
                var inherited = grainInterface.AllInterfaces
                    .Where(i => !known.IsMarker(i))
                    .OrderBy(i => SymbolNames.Type(i), StringComparer.Ordinal);
                foreach (var declaring in new[] { grainInterface }.Concat(inherited))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    AnalyzeMembers(declaring);
                }
            }

            /// <summary>Names each request after its method, adding the method id when the name is overloaded.</summary>
            public IEnumerable<GrainMethodModel> NameRequests()
            {
                var overloaded = new HashSet<string>(
                    _methods.GroupBy(m => m.MethodName).Where(g => g.Count() > 1).Select(g => g.Key),
                    StringComparer.Ordinal);
                return _methods.Select((method, id) => method with
                {
                    RequestName = overloaded.Contains(method.MethodName) ? $"{method.MethodName}Request_{id}" : method.MethodName + "Request",
                });
            }

            private void AnalyzeMembers(INamedTypeSymbol declaring)
            {
                // Members of an inherited grain interface declared in this compilation are reported
                // where they are declared, by that interface's own analysis.
                var isOwn = SymbolEqualityComparer.Default.Equals(declaring, grainInterface);
                var reportedElsewhere = !isOwn
                    && known.IsGrainInterface(declaring)
                    && declaring.OriginalDefinition.Locations.Any(l => l.IsInSource);
                var scope = new MemberScope(declaring, isOwn, reportedElsewhere, HasOwnTable: isOwn || HasOwnTable(declaring));

                // Counts the methods of the declaring interface in the order its own analysis finds
                // them, which is the order of that interface's own methods in its own table.
                var ordinal = 0;
                foreach (var member in declaring.GetMembers())
                {
                    if (member.IsStatic)
                    {
                        if ((member.IsAbstract || member.IsVirtual) && !IsAccessor(member))
                        {
                            Report(scope, GrainDiagnostics.StaticAbstractMember, member, MemberDisplay(scope, member));
                        }

                        continue;
                    }

                    // Non-virtual instance members (private or sealed helpers with a body) run on the
                    // reference itself and are not calls to the grain.
                    if (!member.IsAbstract && !member.IsVirtual) continue;

                    switch (member)
                    {
                        case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                            AnalyzeMethod(scope, method, ordinal++);
                            break;
                        case IPropertySymbol property:
                            Report(scope, GrainDiagnostics.UnsupportedMember, member, MemberDisplay(scope, member), property.IsIndexer ? "indexer" : "property");
                            break;
                        case IEventSymbol:
                            Report(scope, GrainDiagnostics.UnsupportedMember, member, MemberDisplay(scope, member), "event");
                            break;
                    }
                }
            }

            /// <summary>
            /// A grain interface gets a proxy and a table of its own, wherever it is declared, and its
            /// own methods come first in it: a request for one of them names that interface, so every
            /// proxy that inherits the method sends the same (interface, method id). Generic grain
            /// interfaces get no proxy (CRG005), so their methods, like those of plain base interfaces,
            /// are named by the inheriting proxy's interface and table.
            /// </summary>
            private bool HasOwnTable(INamedTypeSymbol declaring) =>
                known.IsGrainInterface(declaring) && !SymbolNames.IsGenericOrInGeneric(declaring);

            /// <param name="ordinal">The method's index among the methods of its declaring interface.</param>
            private void AnalyzeMethod(MemberScope scope, IMethodSymbol method, int ordinal)
            {
                var display = MemberDisplay(scope, method);
                var supported = true;

                if (method.IsGenericMethod)
                {
                    supported = Report(scope, GrainDiagnostics.GenericMethod, method, display);
                }

                var returnKind = method.ReturnsByRef || method.ReturnsByRefReadonly ? null : ClassifyReturnType(method.ReturnType);
                var returnTypeDisplay = method.ReturnType.ToDisplayString(SymbolNames.MessageFormat);
                if (returnKind is null)
                {
                    supported = Report(scope, GrainDiagnostics.UnsupportedReturnType, method, display, returnTypeDisplay);
                }

                var options = new List<string>();
                if (known.HasAttribute(method, known.ReadOnlyAttribute)) options.Add("ReadOnly");
                if (known.HasAttribute(method, known.AlwaysInterleaveAttribute)) options.Add("AlwaysInterleave");
                if (known.HasAttribute(method, known.OneWayAttribute))
                {
                    options.Add("OneWay");
                    if (returnKind is MethodReturnKind.TaskOfT or MethodReturnKind.ValueTaskOfT)
                    {
                        supported = Report(scope, GrainDiagnostics.OneWayReturnsValue, method, display, returnTypeDisplay);
                    }
                }

                var parameters = new List<GrainParameterModel>();
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.RefKind != RefKind.None)
                    {
                        supported = Report(scope, GrainDiagnostics.ByRefParameter, parameter, display, parameter.Name, RefKindDisplay(parameter.RefKind));
                    }

                    if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                    {
                        supported = Report(scope, GrainDiagnostics.UnstorableParameterType, parameter, display, parameter.Name, parameter.Type.ToDisplayString(SymbolNames.MessageFormat));
                    }

                    if (SymbolNames.ContainsErrors(parameter.Type)) supported = false;
                    parameters.Add(new GrainParameterModel(
                        SymbolNames.Identifier(parameter.Name),
                        SymbolNames.Type(parameter.Type),
                        parameter.Type.IsReferenceType && parameter.Type.NullableAnnotation != NullableAnnotation.Annotated,
                        parameter.Type.TypeKind == TypeKind.Dynamic));
                }

                if (SymbolNames.ContainsErrors(method.ReturnType)) supported = false;
                if (!supported || returnKind is null)
                {
                    IsSupported = false;
                    return;
                }

                _methods.Add(new GrainMethodModel(
                    SymbolNames.Type(scope.Declaring),
                    SymbolNames.TypeOf(scope.HasOwnTable ? scope.Declaring : grainInterface),
                    SymbolNames.Identifier(method.Name),
                    method.Name,
                    RequestName: "",
                    returnKind.Value,
                    SymbolNames.Type(method.ReturnType),
                    ResultType(returnKind.Value, method.ReturnType),
                    new EquatableArray<string>(options),
                    new EquatableArray<GrainParameterModel>(parameters),
                    MethodId: scope.HasOwnTable ? ordinal : _methods.Count));
            }

            private MethodReturnKind? ClassifyReturnType(ITypeSymbol returnType)
            {
                if (returnType is not INamedTypeSymbol named) return null;
                if (KnownTypes.Is(named, known.Task)) return MethodReturnKind.Task;
                if (KnownTypes.Is(named, known.ValueTask)) return MethodReturnKind.ValueTask;
                if (KnownTypes.Is(named.OriginalDefinition, known.TaskOfT)) return MethodReturnKind.TaskOfT;
                if (KnownTypes.Is(named.OriginalDefinition, known.ValueTaskOfT)) return MethodReturnKind.ValueTaskOfT;
                return null;
            }

            private static string ResultType(MethodReturnKind kind, ITypeSymbol returnType) =>
                kind is MethodReturnKind.TaskOfT or MethodReturnKind.ValueTaskOfT
                    ? SymbolNames.Type(((INamedTypeSymbol)returnType).TypeArguments[0])
                    : "global::Commerce.Runtime.VoidResult";

            private static string RefKindDisplay(RefKind refKind) => refKind switch
            {
                RefKind.Ref => "ref",
                RefKind.Out => "out",
                RefKind.In => "in",
                _ => "ref readonly",
            };

            private static bool IsAccessor(ISymbol member) => member is IMethodSymbol { AssociatedSymbol: not null };

            /// <summary>The member's name, qualified by its interface when it is inherited.</summary>
            private static string MemberDisplay(MemberScope scope, ISymbol member) =>
                scope.IsOwn ? member.Name : scope.Declaring.ToDisplayString(SymbolNames.MessageFormat) + "." + member.Name;

            /// <summary>Records the problem and returns false, for <c>supported = Report(...)</c>.</summary>
            private bool Report(MemberScope scope, DiagnosticDescriptor descriptor, ISymbol at, params string[] arguments)
            {
                IsSupported = false;
                if (scope.ReportedElsewhere) return false;

                // Problems with inherited members from other assemblies point at the inheriting interface.
                var location = scope.IsOwn ? at.Locations.FirstOrDefault(l => l.IsInSource) ?? interfaceLocation : interfaceLocation;
                Report(descriptor, location, new[] { InterfaceDisplay }.Concat(arguments).ToArray());
                return false;
            }

            private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
            {
                IsSupported = false;
                Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
            }
        }

        /// <summary>The interface whose members are being analysed, as seen from the grain interface.</summary>
        /// <param name="HasOwnTable">True when requests for the members name <paramref name="Declaring"/> and its table, not the proxy's.</param>
        private sealed record MemberScope(INamedTypeSymbol Declaring, bool IsOwn, bool ReportedElsewhere, bool HasOwnTable);
    }
}
