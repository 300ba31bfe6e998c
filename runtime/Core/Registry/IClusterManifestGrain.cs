namespace Commerce.Runtime.Registry;

/// <summary>A silo's answer to "which grain type implements each grain interface", for clients that only know interfaces.</summary>
public interface IClusterManifestGrain : IGrainWithIntegerKey
{
    /// <summary>Grain interface full name to grain type.</summary>
    [ReadOnly]
    Task<Dictionary<string, string>> GetGrainTypesAsync();
}
