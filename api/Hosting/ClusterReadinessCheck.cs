using Commerce.GrainInterfaces.Users;
using Orleans;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.Api.Hosting;

/// <summary>Ready when a grain call makes the round trip to the cluster (or the embedded silo) in time.</summary>
internal sealed class ClusterReadinessCheck(IServiceProvider services) : IHealthCheck
{
    /// <summary>Longest a readiness probe waits for the grain call.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private const string ProbeKey = "readiness-probe@health.invalid";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IUserDirectoryGrain>(ProbeKey).GetUserIdAsync().WaitAsync(ProbeTimeout, cancellationToken);
            return HealthCheckResult.Healthy("A grain call completed.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer a grain call.", e);
        }
    }
}
