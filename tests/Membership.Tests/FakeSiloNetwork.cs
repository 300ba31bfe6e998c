using System.Collections.Concurrent;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>
/// The network as the tests decide it: every silo answers every probe, unless the test silenced
/// it (it answers nobody, like a killed process) or cut one direction between two silos. An
/// unanswered probe takes its full timeout, as a real one does.
/// </summary>
public sealed class FakeSiloNetwork
{
    private readonly ConcurrentDictionary<SiloAddress, bool> _silent = new();
    private readonly ConcurrentDictionary<(SiloAddress From, SiloAddress To), bool> _cut = new();
    private readonly ConcurrentDictionary<SiloAddress, int> _sent = new();

    public void Silence(SiloAddress silo) => _silent[silo] = true;

    public void Cut(SiloAddress from, SiloAddress to) => _cut[(from, to)] = true;

    public void Heal(SiloAddress from, SiloAddress to) => _cut.TryRemove((from, to), out _);

    public bool Answers(SiloAddress from, SiloAddress to) => !_silent.ContainsKey(to) && !_cut.ContainsKey((from, to));

    /// <summary>How many probes <paramref name="silo"/> has sent.</summary>
    public int ProbesSentBy(SiloAddress silo) => _sent.GetValueOrDefault(silo);

    public ISiloProber ProberFor(SiloAddress from) => new Prober(this, from);

    private sealed class Prober(FakeSiloNetwork network, SiloAddress from) : ISiloProber
    {
        public async Task<bool> ProbeAsync(SiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken)
        {
            network._sent.AddOrUpdate(from, 1, (_, count) => count + 1);
            if (network.Answers(from, silo)) return true;
            await Task.Delay(timeout, cancellationToken);
            return false;
        }
    }
}
