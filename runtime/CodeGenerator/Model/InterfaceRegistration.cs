namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>What the assembly's registration needs to know about one proxy; nothing about its methods.</summary>
    internal sealed record InterfaceRegistration(string InterfaceType, string ProxyType);
}
