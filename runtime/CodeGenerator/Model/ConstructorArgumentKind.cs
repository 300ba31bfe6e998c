namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>How the grain factory obtains one constructor argument.</summary>
    internal enum ConstructorArgumentKind
    {
        /// <summary>From the activation's services.</summary>
        Service,

        /// <summary>A <c>[PersistentState]</c> state from the grain context.</summary>
        PersistentState,
    }
}
