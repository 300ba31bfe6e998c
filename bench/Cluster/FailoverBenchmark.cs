using System.Diagnostics;
using Commerce.Cluster.TestGrains;
using Commerce.Testing.Infrastructure;
using Orleans.Runtime;

namespace Commerce.Bench.Cluster;

/// <summary>
/// Failover under the product's membership settings (silo/Composition/MembershipDefaults.cs): kill -9 one of two
/// silos, then time until the membership table declares it Dead and until the grains it hosted answer again from
/// the survivor (Orleans reactivates them there on the next call once the directory has dropped the dead silo).
/// </summary>
internal static class FailoverBenchmark
{
    /// <summary>Grains sampled for the victim's share; about half of them live on it.</summary>
    private const int Sample = 200;

    /// <summary>How long to wait for each outcome before reporting it as not reached.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    /// <summary>
    /// One attempt's limit: a call routed to the dead silo may wait for the connection's failure or the response
    /// timeout; abandoning it and asking again keeps the measured time close to when the grain could answer.
    /// </summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Pause between two attempts of one grain.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync(BenchCluster cluster, SiloProcess victim, IPingGrain[] grains, Report report)
    {
        var owned = new List<IPingGrain>();
        foreach (var grain in grains.Take(Sample))
        {
            if (await grain.ProcessIdAsync() == victim.ProcessId) owned.Add(grain);
        }

        var clock = Stopwatch.StartNew();
        victim.Kill();
        TimeSpan? declaredDead = null;
        var watchTable = Task.Run(async () =>
        {
            while (clock.Elapsed < GiveUpAfter)
            {
                if (await cluster.StatusOfAsync(victim) == SiloStatus.Dead)
                {
                    declaredDead = clock.Elapsed;
                    return;
                }

                await Task.Delay(BenchCluster.TablePollInterval);
            }
        });
        var servedAgain = await Task.WhenAll(owned.Select(grain => Task.Run(() => AnswersAgainAsync(grain, victim.ProcessId, clock))));
        await watchTable;

        var answered = servedAgain.Where(t => t is not null).Select(t => t!.Value).ToArray();
        string Seconds(TimeSpan? t) => t?.TotalSeconds.ToString("0.00") ?? $"not within {GiveUpAfter.TotalSeconds:0} s";
        report.Section("Failover: kill -9 of one of two silos (the product's membership settings: 1 s probes, 3 missed probes)");
        report.Line("| measure | seconds after the kill |");
        report.Line("|---|---|");
        report.Line($"| silo declared Dead in the membership table | {Seconds(declaredDead)} |");
        if (owned.Count == 0)
        {
            report.Line($"| grains it hosted answering again | n/a: none of {Sample} sampled grains was on it |");
        }
        else
        {
            report.Line($"| first of its {owned.Count} sampled grains answering again from the survivor | {Seconds(answered.Length > 0 ? answered.Min() : null)} |");
            report.Line($"| all of them answering again (slowest) | {Seconds(answered.Length == owned.Count ? answered.Max() : null)} |");
        }

        Console.WriteLine($"  declared dead after {Seconds(declaredDead)} s; {answered.Length} of {owned.Count} grains back, the last after {Seconds(answered.Length > 0 ? answered.Max() : null)} s");
    }

    /// <summary>When <paramref name="grain"/> first answered from a process other than the dead one, or null.</summary>
    private static async Task<TimeSpan?> AnswersAgainAsync(IPingGrain grain, int deadProcess, Stopwatch clock)
    {
        while (clock.Elapsed < GiveUpAfter)
        {
            try
            {
                if (await grain.ProcessIdAsync().WaitAsync(AttemptTimeout) != deadProcess) return clock.Elapsed;
            }
            catch (Exception)
            {
                // Whatever Orleans reports while the silo is not yet declared dead (connection failures, rejections,
                // unavailable silo, timeouts) means "not yet": ask again.
            }

            await Task.Delay(RetryInterval);
        }

        return null;
    }
}
