using Microsoft.CodeAnalysis;

namespace Commerce.Runtime.CodeGenerator.Diagnostics
{
    /// <summary>
    /// The errors the generator reports for grain interfaces and grain classes it cannot generate code
    /// for. Each is an error because the runtime would otherwise miss a proxy or a factory at run time.
    /// </summary>
    internal static class GrainDiagnostics
    {
        private const string Category = "Commerce.Runtime.CodeGenerator";

        public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
            "CRG001",
            "Grain interface method has an unsupported return type",
            "Method '{1}' of grain interface '{0}' returns '{2}'; grain interface methods must return Task, Task<T>, ValueTask or ValueTask<T>",
            "Grain calls are asynchronous messages, so every grain interface method returns a task that completes with the response.");

        public static readonly DiagnosticDescriptor OneWayReturnsValue = Error(
            "CRG002",
            "One-way grain method returns a value",
            "Method '{1}' of grain interface '{0}' is [OneWay] but returns '{2}'; a one-way method must return Task or ValueTask",
            "A one-way call gets no response, so there is no value to return to the caller.");

        public static readonly DiagnosticDescriptor ByRefParameter = Error(
            "CRG003",
            "Grain method parameter is passed by reference",
            "Parameter '{2}' of '{1}' in '{0}' is passed by reference ({3}); grain code is called with arguments passed by value",
            "Arguments travel in a message, possibly to another process, so they cannot refer to the caller's variables.");

        public static readonly DiagnosticDescriptor GenericMethod = Error(
            "CRG004",
            "Grain interface method is generic",
            "Method '{1}' of grain interface '{0}' is generic; grain interface methods cannot have type parameters",
            "A request is a concrete type generated per method, so its argument and result types must be known at compile time.");

        public static readonly DiagnosticDescriptor GenericInterface = Error(
            "CRG005",
            "Grain interface is generic",
            "Grain interface '{0}' is generic; grain interfaces cannot have type parameters (derive a non-generic interface instead)",
            "Proxies and requests are generated per interface at compile time, so the interface's types must be closed.");

        public static readonly DiagnosticDescriptor UnsupportedMember = Error(
            "CRG006",
            "Grain interface declares a property, indexer or event",
            "Grain interface '{0}' declares the {2} '{1}'; grain interfaces may only declare methods that return a task",
            "Properties, indexers and events would have to be answered synchronously, without a message to the grain.");

        public static readonly DiagnosticDescriptor StaticAbstractMember = Error(
            "CRG007",
            "Grain interface declares a static abstract or virtual member",
            "Grain interface '{0}' declares the static abstract or virtual member '{1}'; grain calls are made on instances",
            "A grain reference is an instance; static members cannot be called through it.");

        public static readonly DiagnosticDescriptor NoPublicConstructor = Error(
            "CRG008",
            "Grain class has no public constructor",
            "Grain class '{0}' has no public constructor; the runtime constructs grains through a public constructor",
            "The generated factory calls the grain class's public constructor when the grain is activated.");

        public static readonly DiagnosticDescriptor PersistentStateParameterType = Error(
            "CRG009",
            "Persistent state parameter has the wrong type",
            "Parameter '{1}' of grain class '{0}' is marked [PersistentState] but its type is '{2}'; it must be Commerce.Runtime.IPersistentState<T>",
            "The runtime supplies persistent states as IPersistentState<T>; any other type cannot be bound to storage.");

        public static readonly DiagnosticDescriptor AmbiguousConstructor = Error(
            "CRG010",
            "Grain class has ambiguous constructors",
            "Grain class '{0}' has several public constructors with {1} parameters; keep a single public constructor with the most parameters",
            "The generated factory uses the public constructor with the most parameters, which must be unique.");

        public static readonly DiagnosticDescriptor InaccessibleType = Error(
            "CRG011",
            "Grain type is not accessible to generated code",
            "Grain {1} '{0}' is private or protected; grain interfaces and grain classes (and the types they are nested in) must be public or internal",
            "Generated proxies and factories live in their own namespace of the same assembly and must be able to name the type.");

        public static readonly DiagnosticDescriptor UnstorableParameterType = Error(
            "CRG012",
            "Grain method parameter type cannot be stored in a request",
            "Parameter '{2}' of '{1}' in '{0}' has type '{3}', which cannot be stored in a request object (ref struct or pointer)",
            "A request keeps its arguments in fields and may outlive the call's stack frame, so ref structs and pointers cannot be arguments.");

        private static DiagnosticDescriptor Error(string id, string title, string messageFormat, string description) =>
            new(id, title, messageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: description);
    }
}
