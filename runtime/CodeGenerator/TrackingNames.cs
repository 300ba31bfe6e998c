namespace Commerce.Runtime.CodeGenerator
{
    /// <summary>Names of the pipeline steps, so tests can check which ones the driver reused.</summary>
    internal static class TrackingNames
    {
        public const string InterfaceAnalysis = nameof(InterfaceAnalysis);
        public const string InterfaceModels = nameof(InterfaceModels);
        public const string ClassAnalysis = nameof(ClassAnalysis);
        public const string ClassModels = nameof(ClassModels);
        public const string AssemblyName = nameof(AssemblyName);
        public const string Registrations = nameof(Registrations);
    }
}
