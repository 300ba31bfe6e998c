using Orleans;

namespace Commerce.Catalog.Tests.Grains;

/// <summary>What the recorders below received, by SKU.</summary>
public interface IDomainEventRecorderGrain : IGrainWithStringKey
{
    Task<List<string>> GetKindsAsync();
}
