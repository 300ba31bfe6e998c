namespace Commerce.Runtime.Membership;

/// <summary>Asks another silo whether it is alive (implemented by the transport: a ping over the silo connection).</summary>
public interface ISiloProber
{
    /// <summary>True when <paramref name="silo"/> answered within the timeout, false when it did not or the connection failed.</summary>
    Task<bool> ProbeAsync(SiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken);
}
