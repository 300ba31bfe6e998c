using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Commerce.Runtime.CodeGenerator.Analysis
{
    /// <summary>How symbols are written into generated code, and how generated types are named.</summary>
    internal static class SymbolNames
    {
        /// <summary>The root of every generated namespace.</summary>
        public const string GeneratedRoot = "Commerce.Runtime.Generated";

        /// <summary><c>global::</c>-qualified, with nullable annotations and tuple element names.</summary>
        public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>As <see cref="TypeFormat"/> but without nullable reference annotations, which typeof rejects.</summary>
        public static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat;

        /// <summary>Readable names for messages, e.g. <c>Shop.ICartGrain</c>.</summary>
        public static readonly SymbolDisplayFormat MessageFormat = SymbolDisplayFormat.CSharpErrorMessageFormat;

        public static string Type(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

        public static string TypeOf(ITypeSymbol type) => type.ToDisplayString(TypeOfFormat);

        /// <summary>An identifier as it must be written in C#: keywords get an <c>@</c>.</summary>
        public static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary><c>Commerce.Runtime.Generated.&lt;Assembly&gt;</c>, followed by the symbol's own namespace, if any.</summary>
        public static string GeneratedNamespace(string? assemblyName, INamedTypeSymbol type)
        {
            var root = AssemblyNamespace(assemblyName);
            var own = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
            return own is null ? root : root + "." + own;
        }

        public static string AssemblyNamespace(string? assemblyName) => GeneratedRoot + "." + Sanitize(assemblyName);

        /// <summary>A type's name prefixed by the names of the types it is nested in: <c>Outer_IInner</c>.</summary>
        public static string FlatName(INamedTypeSymbol type)
        {
            var names = new System.Collections.Generic.List<string>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                names.Add(current.Name);
            }

            names.Reverse();
            return string.Join("_", names);
        }

        /// <summary>Any name made into one identifier: <c>Commerce.Grains</c> becomes <c>Commerce_Grains</c>.</summary>
        public static string Sanitize(string? name)
        {
            if (string.IsNullOrEmpty(name)) return "Assembly";
            var builder = new StringBuilder(name!.Length + 1);
            foreach (var c in name)
            {
                builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            }

            if (char.IsDigit(builder[0])) builder.Insert(0, '_');
            return builder.ToString();
        }

        /// <summary>Private, protected or private protected, here or on an enclosing type: out of reach of generated code.</summary>
        public static bool IsInaccessibleToGeneratedCode(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the type or one it is nested in has type parameters.</summary>
        public static bool IsGenericOrInGeneric(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.TypeParameters.Length > 0) return true;
            }

            return false;
        }

        /// <summary>True when the type failed to bind somewhere inside; the compiler reports that already.</summary>
        public static bool ContainsErrors(ITypeSymbol type) => type switch
        {
            { TypeKind: TypeKind.Error } => true,
            IArrayTypeSymbol array => ContainsErrors(array.ElementType),
            IPointerTypeSymbol pointer => ContainsErrors(pointer.PointedAtType),
            INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrors),
            _ => false,
        };
    }
}
