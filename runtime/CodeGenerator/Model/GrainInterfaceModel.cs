namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>A grain interface for which a proxy and its requests are generated.</summary>
    /// <param name="InterfaceType">The fully qualified interface.</param>
    /// <param name="GeneratedNamespace">The namespace of the generated proxy.</param>
    /// <param name="ProxyName">The simple name of the generated proxy class.</param>
    /// <param name="Methods">All methods the proxy implements, indexed by method id.</param>
    internal sealed record GrainInterfaceModel(
        string InterfaceType,
        string GeneratedNamespace,
        string ProxyName,
        EquatableArray<GrainMethodModel> Methods)
    {
        public string ProxyType => "global::" + GeneratedNamespace + "." + ProxyName;
    }
}
