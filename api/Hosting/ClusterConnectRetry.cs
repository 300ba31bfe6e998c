namespace Commerce.Api.Hosting;

/// <summary>
/// Keeps the API's first connection to the cluster trying while the silos start (a container started before its
/// silos is normal): one attempt per <see cref="RetryDelay"/>, each failure logged, until the host stops.
/// The server takes no requests before it connects.
/// </summary>
internal sealed class ClusterConnectRetry(ILogger<ClusterConnectRetry> logger) : IClientConnectionRetryFilter
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogWarning("The cluster did not accept the connection ({Reason}); retrying in {Delay}.", exception.Message, RetryDelay);
        await Task.Delay(RetryDelay, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
