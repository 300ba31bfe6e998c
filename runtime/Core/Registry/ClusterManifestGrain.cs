namespace Commerce.Runtime.Registry;

/// <summary>Serves the silo's grain-type manifest; a stateless worker, so it answers wherever it is called.</summary>
[GrainType(TypeName)]
[StatelessWorker(1)]
internal sealed class ClusterManifestGrain(GrainTypeRegistry registry) : Grain, IClusterManifestGrain
{
    public const string TypeName = "sys.manifest";

    public static GrainId Id { get; } = GrainId.Create(new GrainType(TypeName), 0);

    public Task<Dictionary<string, string>> GetGrainTypesAsync() => Task.FromResult(registry.DescribeInterfaces());
}
