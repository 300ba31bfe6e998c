namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>What the assembly's registration needs to know about one grain class factory.</summary>
    internal sealed record GrainClassRegistration(string ClassType, string FactoryType);
}
