using Commerce.Runtime.Hosting;
using Commerce.Runtime.Testing;
using Commerce.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Tests;

/// <summary>Starts a test cluster with the probe service the test grains report to.</summary>
internal static class Clusters
{
    public static Task<TestCluster> StartAsync(Probe? probe = null, Action<ISiloBuilder>? configure = null) =>
        TestCluster.StartAsync(configure, services => services.AddSingleton(probe ?? new Probe()));

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(10);
        }
    }
}
