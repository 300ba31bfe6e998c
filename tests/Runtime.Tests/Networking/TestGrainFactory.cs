using Commerce.Runtime;
using Commerce.Runtime.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Tests.Networking;

internal static class TestGrainFactory
{
    /// <summary>The runtime's own grain factory, over a runtime of the test's choosing.</summary>
    public static IGrainFactory Create(GrainTypeRegistry registry, IGrainReferenceRuntime runtime) =>
        new GrainFactory(registry, new ServiceCollection().BuildServiceProvider()) { Runtime = runtime };
}
