using Microsoft.CodeAnalysis;

namespace Commerce.Runtime.CodeGenerator.Analysis
{
    /// <summary>The runtime and BCL types the analysis compares symbols against, resolved once per transform.</summary>
    internal sealed class KnownTypes
    {
        private KnownTypes(Compilation compilation, INamedTypeSymbol grain)
        {
            IGrain = grain;
            IAddressable = compilation.GetTypeByMetadataName("Commerce.Runtime.IAddressable");
            IGrainWithStringKey = compilation.GetTypeByMetadataName("Commerce.Runtime.IGrainWithStringKey");
            IGrainWithGuidKey = compilation.GetTypeByMetadataName("Commerce.Runtime.IGrainWithGuidKey");
            IGrainWithIntegerKey = compilation.GetTypeByMetadataName("Commerce.Runtime.IGrainWithIntegerKey");
            GrainBase = compilation.GetTypeByMetadataName("Commerce.Runtime.Grain");
            IPersistentState = compilation.GetTypeByMetadataName("Commerce.Runtime.IPersistentState`1");
            PersistentStateAttribute = compilation.GetTypeByMetadataName("Commerce.Runtime.PersistentStateAttribute");
            ReadOnlyAttribute = compilation.GetTypeByMetadataName("Commerce.Runtime.ReadOnlyAttribute");
            AlwaysInterleaveAttribute = compilation.GetTypeByMetadataName("Commerce.Runtime.AlwaysInterleaveAttribute");
            OneWayAttribute = compilation.GetTypeByMetadataName("Commerce.Runtime.OneWayAttribute");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        }

        public INamedTypeSymbol IGrain { get; }

        public INamedTypeSymbol? IAddressable { get; }

        public INamedTypeSymbol? IGrainWithStringKey { get; }

        public INamedTypeSymbol? IGrainWithGuidKey { get; }

        public INamedTypeSymbol? IGrainWithIntegerKey { get; }

        public INamedTypeSymbol? GrainBase { get; }

        public INamedTypeSymbol? IPersistentState { get; }

        public INamedTypeSymbol? PersistentStateAttribute { get; }

        public INamedTypeSymbol? ReadOnlyAttribute { get; }

        public INamedTypeSymbol? AlwaysInterleaveAttribute { get; }

        public INamedTypeSymbol? OneWayAttribute { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        /// <summary>Null when the compilation does not reference the runtime abstractions: nothing to generate.</summary>
        public static KnownTypes? Resolve(Compilation compilation) =>
            compilation.GetTypeByMetadataName("Commerce.Runtime.IGrain") is { } grain ? new KnownTypes(compilation, grain) : null;

        /// <summary>The runtime's own marker interfaces, which carry no methods and get no proxy.</summary>
        public bool IsMarker(INamedTypeSymbol type) =>
            Is(type, IGrain) || Is(type, IAddressable) || Is(type, IGrainWithStringKey) || Is(type, IGrainWithGuidKey) || Is(type, IGrainWithIntegerKey);

        /// <summary>An interface that extends IGrain, other than the runtime's markers.</summary>
        public bool IsGrainInterface(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Interface || IsMarker(type)) return false;
            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented, IGrain)) return true;
            }

            return false;
        }

        /// <summary>A class deriving, directly or not, from Commerce.Runtime.Grain.</summary>
        public bool DerivesFromGrain(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (Is(current, GrainBase)) return true;
            }

            return false;
        }

        public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) => FindAttribute(symbol, attribute) is not null;

        public static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        {
            if (attribute is null) return null;
            foreach (var data in symbol.GetAttributes())
            {
                if (Is(data.AttributeClass, attribute)) return data;
            }

            return null;
        }

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
            type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
    }
}
