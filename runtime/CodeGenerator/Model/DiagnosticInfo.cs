using System.Linq;
using Microsoft.CodeAnalysis;

namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>A diagnostic as plain data, so it can travel through the incremental pipeline.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArguments) =>
            new(descriptor, LocationInfo.From(location), new EquatableArray<string>(messageArguments));

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArguments.Cast<object>().ToArray());
    }
}
