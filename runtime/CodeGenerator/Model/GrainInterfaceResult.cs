namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>What analysing one grain interface found: its model (null when unsupported) and the problems.</summary>
    internal sealed record GrainInterfaceResult(GrainInterfaceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}
