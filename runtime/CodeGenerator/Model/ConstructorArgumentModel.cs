namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>One argument of the constructor the grain factory calls.</summary>
    /// <param name="Type">
    /// For a service, the parameter type with nullable annotations; for a persistent state, the state type T of IPersistentState&lt;T&gt;.
    /// </param>
    /// <param name="TypeOfType">The service type as it may appear in typeof (no nullable reference annotations).</param>
    /// <param name="StateName">The state name as a C# literal.</param>
    /// <param name="StorageName">The storage name as a C# literal (<c>null</c> for the default storage).</param>
    internal sealed record ConstructorArgumentModel(
        ConstructorArgumentKind Kind,
        string Type,
        string TypeOfType,
        string StateName,
        string StorageName);
}
