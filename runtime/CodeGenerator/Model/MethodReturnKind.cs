namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>The awaitable a grain interface method returns.</summary>
    internal enum MethodReturnKind
    {
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }
}
