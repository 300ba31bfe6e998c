using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Commerce.Runtime.CodeGenerator.Analysis
{
    /// <summary>Syntactic checks that keep the semantic analysis to a few candidate declarations.</summary>
    internal static class DeclarationFilter
    {
        /// <summary>A grain interface or grain class always names a base type, so declarations without one are skipped.</summary>
        public static bool IsCandidateInterface(SyntaxNode node, CancellationToken cancellationToken) =>
            node is InterfaceDeclarationSyntax { BaseList: not null };

        /// <inheritdoc cref="IsCandidateInterface"/>
        public static bool IsCandidateClass(SyntaxNode node, CancellationToken cancellationToken) =>
            node is ClassDeclarationSyntax { BaseList: not null };

        /// <summary>
        /// For a partial type, only the first declaration that names base types is analysed, so that
        /// the type's code is generated once.
        /// </summary>
        public static bool IsPrimaryDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax node, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList: not null } declaration)
                {
                    return declaration == node;
                }
            }

            return false;
        }
    }
}
