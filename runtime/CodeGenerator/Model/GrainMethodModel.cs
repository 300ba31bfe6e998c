namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>One method of a proxy, and the request class that carries its calls.</summary>
    /// <param name="InterfaceType">The fully qualified interface that declares the method.</param>
    /// <param name="TableInterfaceTypeOf">
    /// The interface whose request-factory table holds the method at <paramref name="MethodId"/>, as it may
    /// appear in typeof (no nullable reference annotations): the declaring interface when it is a grain
    /// interface that gets its own table, otherwise the proxy's interface.
    /// </param>
    /// <param name="Name">The method name as a C# identifier (escaped when it is a keyword).</param>
    /// <param name="MethodName">The method name as the runtime reports it.</param>
    /// <param name="RequestName">The name of the generated request class, unique within the proxy.</param>
    /// <param name="ReturnType">The declared return type, fully qualified.</param>
    /// <param name="ResultType">The request's TResult: the task's result, or VoidResult.</param>
    /// <param name="Options">The RequestOptions flag names set by the method's attributes.</param>
    /// <param name="MethodId">The method's index in the table of <paramref name="TableInterfaceTypeOf"/>: how the wire names it.</param>
    internal sealed record GrainMethodModel(
        string InterfaceType,
        string TableInterfaceTypeOf,
        string Name,
        string MethodName,
        string RequestName,
        MethodReturnKind ReturnKind,
        string ReturnType,
        string ResultType,
        EquatableArray<string> Options,
        EquatableArray<GrainParameterModel> Parameters,
        int MethodId)
    {
        public bool IsOneWay => System.Linq.Enumerable.Contains(Options, "OneWay");
    }
}
