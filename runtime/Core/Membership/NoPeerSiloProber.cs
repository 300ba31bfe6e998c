namespace Commerce.Runtime.Membership;

/// <summary>
/// The prober of the embedded single-process default, where there is no transport and no other
/// silo: every probe fails. A lone silo probes nobody (it is its own only ring member), so this
/// only ever answers for rows a previous incarnation left behind. The silo-to-silo transport
/// registers the real prober, which replaces this one.
/// </summary>
public sealed class NoPeerSiloProber : ISiloProber
{
    public Task<bool> ProbeAsync(SiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(false);
}
