namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>A grain class for which a factory is generated.</summary>
    /// <param name="ClassType">The fully qualified grain class.</param>
    /// <param name="GeneratedNamespace">The namespace of the generated factory.</param>
    /// <param name="FactoryName">The simple name of the generated factory class.</param>
    /// <param name="Arguments">The arguments of the constructor the factory calls, in order.</param>
    internal sealed record GrainClassModel(
        string ClassType,
        string GeneratedNamespace,
        string FactoryName,
        EquatableArray<ConstructorArgumentModel> Arguments)
    {
        public string FactoryType => "global::" + GeneratedNamespace + "." + FactoryName;
    }
}
