namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <param name="Name">The parameter name as a C# identifier (escaped when it is a keyword).</param>
    /// <param name="Type">The fully qualified type, with nullable annotations.</param>
    /// <param name="IsNonNullableReference">A reference type not annotated nullable: its request field needs an initializer.</param>
    /// <param name="IsDynamic">
    /// The type is <c>dynamic</c>: passing the argument as it is would bind the call at run time, so
    /// generated calls pass it as <c>object</c>.
    /// </param>
    internal sealed record GrainParameterModel(string Name, string Type, bool IsNonNullableReference, bool IsDynamic);
}
