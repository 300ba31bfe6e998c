namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>What analysing one grain class found: its model (null when unsupported) and the problems.</summary>
    internal sealed record GrainClassResult(GrainClassModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}
