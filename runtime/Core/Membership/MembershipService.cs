using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Membership;

/// <summary>
/// This silo's side of the membership protocol (Orleans' protocol over an <see cref="IMembershipTable"/>):
/// it registers the silo, keeps the view current, and with the other silos detects and declares
/// dead a silo that stopped answering.
/// </summary>
/// <remarks>
/// <para>
/// Joining: the silo marks earlier incarnations on its endpoint dead, inserts itself as
/// <see cref="SiloStatus.Joining"/>, waits until every active silo answers its probes (a silo that
/// never does is skipped once the others declare it dead or its i-am-alive goes stale), then turns
/// <see cref="SiloStatus.Active"/>.
/// </para>
/// <para>
/// Failure detection: every <see cref="ClusterMembershipOptions.ProbePeriod"/> an active silo probes
/// its <see cref="ClusterMembershipOptions.NumProbedSilos"/> successors in the ring of active silos
/// ordered by address, plus any silo someone suspects or whose i-am-alive is stale. After
/// <see cref="ClusterMembershipOptions.NumMissedProbesLimit"/> misses in a row it votes in the table;
/// the vote that brings the fresh votes to <c>min(NumVotesForDeathDeclaration, active silos other
/// than the suspect)</c> writes <see cref="SiloStatus.Dead"/> instead. Every write is a
/// compare-and-swap on the table version, retried on a fresh read after a conflict, so concurrent
/// voters never lose a vote and a dead silo is never revived.
/// </para>
/// <para>
/// A silo that reads that it was declared dead raises <see cref="DeclaredDead"/> and stops; the host
/// terminates it, since the others already moved its grains. Table failures are logged and retried
/// on the next period: a database outage delays decisions but never kills a silo by itself.
/// </para>
/// </remarks>
public sealed partial class MembershipService : IClusterMembership, IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly ISiloProber _prober;
    private readonly ClusterMembershipOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _viewGate = new();
    private readonly Lock _probeGate = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Refresh requests (notifications, own writes); capacity one: a pending request covers any number.</summary>
    private readonly Channel<bool> _refreshRequests =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private Task[] _loops = [];
    private int _phase = (int)Phase.Created;
    private SiloAddress? _self;
    private string _siloName = "";
    private int _gatewayPort;

    /// <summary>Set once the own row is known to exist; from then on a missing or dead row means this silo is dead.</summary>
    private volatile bool _registered;

    /// <summary>The last table read; may be newer than <see cref="_view"/> only in i-am-alive times.</summary>
    private MembershipTableSnapshot _latest = MembershipTableSnapshot.Empty;

    private ClusterMembershipView _view = ClusterMembershipView.Empty;
    /// <summary>Guarded by <see cref="_probeGate"/>, so a round finishing after this silo died cannot bring results back.</summary>
    private ImmutableDictionary<SiloAddress, SiloProbeHealth> _probes = ImmutableDictionary<SiloAddress, SiloProbeHealth>.Empty;

    public MembershipService(IMembershipTable table, ISiloProber prober, IOptions<ClusterMembershipOptions> options, ILogger<MembershipService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(options);
        ClusterMembershipOptionsValidator.ThrowIfInvalid(options.Value);
        _table = table;
        _prober = prober;
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    private enum Phase
    {
        Created,
        Joining,
        Active,
        Leaving,
        Left,
        DeclaredDead,
        Stopped,
    }

    /// <inheritdoc />
    public ClusterMembershipView CurrentView => Volatile.Read(ref _view);

    /// <summary>This silo, once <see cref="JoinAsync"/> was called.</summary>
    public SiloAddress? Self => _self;

    /// <summary>Whether the cluster declared this silo dead while it was running.</summary>
    public bool IsDeclaredDead => CurrentPhase == Phase.DeclaredDead;

    /// <inheritdoc />
    /// <remarks>Raised in version order, under a lock; handlers must not block or call back into the table.</remarks>
    public event Action<ClusterMembershipView>? ViewChanged;

    /// <summary>
    /// Raised once when this silo reads that the cluster declared it dead (it stopped answering
    /// probes, e.g. after a long pause or a partition). The service has stopped its loops; the host
    /// must terminate the silo at once: its grains already live elsewhere, and the identity can never
    /// rejoin (a restart gets a new generation).
    /// </summary>
    public event Action? DeclaredDead;

    private Phase CurrentPhase => (Phase)Volatile.Read(ref _phase);

    private MembershipTableSnapshot Latest => Volatile.Read(ref _latest);

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>
    /// Registers <paramref name="self"/> and returns once it is active. Throws
    /// <see cref="MembershipJoinException"/> when the identity is dead or superseded, or when the active
    /// silos did not all answer within <see cref="ClusterMembershipOptions.JoinTimeout"/>; the silo must
    /// then not serve. Table failures are retried until the join timeout.
    /// </summary>
    /// <param name="self">This silo's address with a fresh generation.</param>
    /// <param name="siloName">A name for logs and the dashboard.</param>
    /// <param name="gatewayPort">Where cluster clients connect; 0 when the silo takes no clients.</param>
    /// <param name="cancellationToken">Abandons the join (the silo is marked dead).</param>
    public async Task JoinAsync(SiloAddress self, string siloName, int gatewayPort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentException.ThrowIfNullOrWhiteSpace(siloName);
        ArgumentOutOfRangeException.ThrowIfNegative(gatewayPort);
        if (!TryMove(Phase.Created, Phase.Joining))
        {
            throw new InvalidOperationException("This membership service has joined already; a restarted silo uses a new service and a new generation.");
        }
        _self = self;
        _siloName = siloName;
        _gatewayPort = gatewayPort;
        LogJoining(_logger, self, siloName);
        var started = Stopwatch.GetTimestamp();

        using var join = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        join.CancelAfter(_options.JoinTimeout);
        try
        {
            await RetryTableFailuresAsync("registering", RegisterAsync, join.Token).ConfigureAwait(false);
            _registered = true;
            StartLoops();
            await WaitForActiveSilosToAnswerAsync(join.Token).ConfigureAwait(false);
            await RetryTableFailuresAsync("becoming active", async ct =>
            {
                if (!await TrySetOwnStatusAsync(SiloStatus.Active, ct).ConfigureAwait(false))
                {
                    throw new MembershipJoinException($"Silo {self} was declared dead while it was joining.", self);
                }
            }, join.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await AbandonJoinAsync().ConfigureAwait(false);
            if (ex is MembershipJoinException || cancellationToken.IsCancellationRequested) throw;
            var reason = CurrentPhase == Phase.DeclaredDead
                ? "it was declared dead while joining"
                : $"it did not complete within {_options.JoinTimeout} ({(ex.InnerException ?? ex).Message})";
            throw new MembershipJoinException($"Silo {self} could not join the cluster: {reason}.", self, ex);
        }

        if (!TryMove(Phase.Joining, Phase.Active))
        {
            await StopLoopsAsync().ConfigureAwait(false);
            throw new MembershipJoinException($"Silo {self} was declared dead right after it became active.", self);
        }
        LogJoined(_logger, self, Stopwatch.GetElapsedTime(started).TotalMilliseconds, CurrentView);
    }

    /// <summary>
    /// Starts a graceful leave: the silo turns <see cref="SiloStatus.ShuttingDown"/>, so placement stops
    /// sending it new grains while it hands over the ones it has. Finish with <see cref="LeaveAsync"/>.
    /// </summary>
    public async Task BeginLeaveAsync(CancellationToken cancellationToken = default)
    {
        if (!TryMove(Phase.Active, Phase.Leaving))
        {
            var phase = CurrentPhase;
            // Never joined, already leaving or gone: nothing to leave.
            if (phase is not Phase.Joining) return;
            throw new InvalidOperationException("A joining silo cannot leave; cancel its join instead.");
        }
        LogLeaving(_logger, _self!);
        // False means it is dead already, which is where leaving ends anyway.
        await RetryTableFailuresAsync("leaving", ct => TrySetOwnStatusAsync(SiloStatus.ShuttingDown, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Leaves the cluster gracefully: <see cref="SiloStatus.ShuttingDown"/> (unless
    /// <see cref="BeginLeaveAsync"/> did it), then <see cref="SiloStatus.Dead"/>, then stops probing and
    /// heartbeating. Table failures are retried until <paramref name="cancellationToken"/> gives up; the
    /// others then declare the silo dead by probes once it is gone.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        await BeginLeaveAsync(cancellationToken).ConfigureAwait(false);
        if (CurrentPhase != Phase.Leaving) return;
        await RetryTableFailuresAsync("leaving", ct => TrySetOwnStatusAsync(SiloStatus.Dead, ct), cancellationToken).ConfigureAwait(false);
        TryMove(Phase.Leaving, Phase.Left);
        await StopLoopsAsync().ConfigureAwait(false);
        LogLeft(_logger, _self!);
    }

    /// <summary>The failure detector's current state: rows with votes and i-am-alive times, and this silo's probe results.</summary>
    public MembershipHealthSnapshot GetHealthSnapshot()
    {
        var latest = Latest;
        var self = _self;
        return new MembershipHealthSnapshot(
            self,
            self is null ? SiloStatus.None : latest.Find(self)?.Status ?? SiloStatus.None,
            CurrentView,
            latest.Rows.Select(r => r.Entry).ToImmutableArray(),
            ProbeResults().Values.OrderBy(p => p.Silo).ToImmutableArray(),
            Now);
    }

    /// <summary>
    /// Stops the loops without writing anything, as if the process died: the others will declare
    /// this silo dead by probes. A graceful stop calls <see cref="LeaveAsync"/> first.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var phase = CurrentPhase;
        while (phase is not (Phase.Left or Phase.DeclaredDead or Phase.Stopped) && !TryMove(phase, Phase.Stopped)) phase = CurrentPhase;
        await StopLoopsAsync().ConfigureAwait(false);
    }

    // ---- Joining -------------------------------------------------------------------------------

    /// <summary>Inserts the own row, after marking older incarnations on the same endpoint dead.</summary>
    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var self = _self!;
        while (true)
        {
            var snapshot = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var own = snapshot.Find(self);
            if (own is not null)
            {
                if (own.Status == SiloStatus.Dead)
                {
                    throw new MembershipJoinException($"Silo {self} was declared dead and can never rejoin; restart it with a new generation.", self);
                }
                // An earlier attempt inserted it and its answer was lost.
                return;
            }

            var sameEndpoint = snapshot.Rows.Where(r => r.Address.Host == self.Host && r.Address.Port == self.Port).ToList();
            var newer = sameEndpoint.FirstOrDefault(r => r.Address.Generation > self.Generation);
            if (newer is not null)
            {
                throw new MembershipJoinException($"Silo {self} is superseded by the newer incarnation {newer.Address} on the same endpoint.", self);
            }
            var previous = sameEndpoint.FirstOrDefault(r => r.Status != SiloStatus.Dead);
            if (previous is not null)
            {
                // A restarted silo: its previous incarnation is certainly gone, no need to wait for votes.
                if (await _table.UpdateRowAsync(previous.Entry with { Status = SiloStatus.Dead }, previous.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
                {
                    LogPreviousIncarnationDead(_logger, previous.Address, self);
                }
                continue;
            }

            var now = Now;
            var entry = new MembershipEntry(self, SiloStatus.Joining, _siloName, Environment.MachineName, _gatewayPort, now, now, []);
            if (await _table.InsertRowAsync(entry, snapshot.Version, cancellationToken).ConfigureAwait(false)) return;
            LogConflict(_logger, "registering", self);
        }
    }

    /// <summary>
    /// Probes every active silo until all answer. One that does not is waited for: the others
    /// declare it dead by the normal path, or its i-am-alive goes stale, and it drops out of the set.
    /// </summary>
    private async Task WaitForActiveSilosToAnswerAsync(CancellationToken cancellationToken)
    {
        var self = _self!;
        var attempt = 0;
        while (true)
        {
            MembershipTableSnapshot snapshot;
            try
            {
                snapshot = await ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MembershipTableException ex)
            {
                LogTableFailure(_logger, ex, "joining", ex.Message);
                snapshot = Latest;
            }

            var now = Now;
            var active = snapshot.Rows
                .Where(r => r.Status == SiloStatus.Active && r.Address != self && !r.Entry.IsStale(now, _options.AllowedIAmAliveMissPeriod))
                .Select(r => r.Address)
                .ToList();
            if (active.Count == 0) return;

            var results = await Task.WhenAll(active.Select(silo => ProbeAsync(silo, cancellationToken))).ConfigureAwait(false);
            var silent = active.Where((_, i) => !results[i].Answered).ToList();
            if (silent.Count == 0) return;

            if (attempt++ == 0) LogWaitingForSilos(_logger, self, silent.Count, active.Count, string.Join(", ", silent));
            await Task.Delay(_options.ProbePeriod, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AbandonJoinAsync()
    {
        var phase = CurrentPhase;
        if (phase == Phase.Joining) TryMove(Phase.Joining, Phase.Stopped);
        await StopLoopsAsync().ConfigureAwait(false);
        if (!_registered || phase == Phase.DeclaredDead) return;
        try
        {
            // One attempt with conflict retries; if the table is down, others evict the joining row after JoinTimeout.
            await TrySetOwnStatusAsync(SiloStatus.Dead, CancellationToken.None).ConfigureAwait(false);
        }
        catch (MembershipTableException ex)
        {
            LogTableFailure(_logger, ex, "abandoning the join", ex.Message);
        }
    }

    /// <summary>Writes the own status; false when the own row is dead or gone (nothing can be written any more).</summary>
    private async Task<bool> TrySetOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        var self = _self!;
        while (true)
        {
            var snapshot = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var own = snapshot.Find(self);
            if (own is null || own.Status == SiloStatus.Dead) return status == SiloStatus.Dead;
            if (own.Status == status) return true;
            var entry = own.Entry with { Status = status, IAmAliveTime = Now };
            if (await _table.UpdateRowAsync(entry, own.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                LogOwnStatus(_logger, self, status);
                // The caller's next step (serving, handing over) relies on the view showing it.
                await ReadAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            LogConflict(_logger, $"writing own status {status}", self);
        }
    }

    // ---- Background loops ----------------------------------------------------------------------

    private void StartLoops()
    {
        var stopping = _stopping.Token;
        _loops =
        [
            Task.Run(() => RefreshLoopAsync(stopping)),
            Task.Run(() => WatchLoopAsync(stopping)),
            Task.Run(() => IAmAliveLoopAsync(stopping)),
            Task.Run(() => ProbeLoopAsync(stopping)),
            Task.Run(() => CleanupLoopAsync(stopping)),
        ];
    }

    private async Task StopLoopsAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RefreshLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await RunGuardedAsync("refreshing the view", async ct =>
            {
                var snapshot = await ReadAsync(ct).ConfigureAwait(false);
                if (CurrentPhase == Phase.Active) await EvictStaleJoinersAsync(snapshot, ct).ConfigureAwait(false);
            }, stopping).ConfigureAwait(false);

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            wait.CancelAfter(_options.TableRefreshPeriod);
            try
            {
                await _refreshRequests.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The period elapsed (or the service stops; the loop condition sees that).
            }
        }
    }

    private async Task WatchLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var version in _table.WatchVersionsAsync(stopping).ConfigureAwait(false))
                {
                    if (version > Latest.Version) RequestRefresh();
                }
                return; // The table does not notify: the periodic refresh is all there is.
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogWatchFailed(_logger, ex);
                if (!await DelayAsync(_options.TableRefreshPeriod, stopping).ConfigureAwait(false)) return;
            }
        }
    }

    private async Task IAmAliveLoopAsync(CancellationToken stopping)
    {
        while (await DelayAsync(_options.IAmAlivePeriod, stopping).ConfigureAwait(false))
        {
            await RunGuardedAsync("writing i-am-alive", ct => _table.UpdateIAmAliveAsync(_self!, Now, ct), stopping).ConfigureAwait(false);
        }
    }

    private async Task ProbeLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            await RunGuardedAsync("probing", ProbeRoundAsync, stopping).ConfigureAwait(false);
            // A round of missed probes already took the timeout; the next one starts right away then.
            var remaining = _options.ProbePeriod - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero && !await DelayAsync(remaining, stopping).ConfigureAwait(false)) return;
        }
    }

    private async Task CleanupLoopAsync(CancellationToken stopping)
    {
        while (await DelayAsync(_options.DefunctSiloCleanupPeriod, stopping).ConfigureAwait(false))
        {
            if (CurrentPhase != Phase.Active) continue;
            await RunGuardedAsync("deleting defunct rows", async ct =>
            {
                var deleted = await _table.DeleteDeadRowsAsync(Now - _options.DefunctSiloExpiration, ct).ConfigureAwait(false);
                if (deleted > 0)
                {
                    LogDefunctDeleted(_logger, deleted, _options.DefunctSiloExpiration);
                    RequestRefresh();
                }
            }, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one step of a loop; a failure is logged and the loop goes on with its next period.</summary>
    private async Task RunGuardedAsync(string activity, Func<CancellationToken, Task> step, CancellationToken stopping)
    {
        try
        {
            await step(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (MembershipTableException ex)
        {
            LogTableFailure(_logger, ex, activity, ex.Message);
        }
        catch (Exception ex)
        {
            LogLoopFailure(_logger, ex, activity);
        }
    }

    /// <summary>False when the service stops during the delay.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Retries <paramref name="operation"/> after table failures, one refresh period apart, until <paramref name="cancellationToken"/> gives up.</summary>
    private async Task RetryTableFailuresAsync(string activity, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await operation(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MembershipTableException ex)
            {
                LogTableFailure(_logger, ex, activity, ex.Message);
                try
                {
                    await Task.Delay(_options.TableRefreshPeriod, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw new OperationCanceledException($"Gave up after the table failed: {ex.Message}", ex, cancellationToken);
                }
            }
        }
    }

    // ---- Failure detection ---------------------------------------------------------------------

    private async Task ProbeRoundAsync(CancellationToken stopping)
    {
        if (CurrentPhase is not (Phase.Active or Phase.Leaving)) return;
        var targets = SelectProbeTargets(Latest, Now);
        var sent = Now;
        var results = await Task.WhenAll(targets.Select(silo => ProbeAsync(silo, stopping))).ConfigureAwait(false);

        var next = ImmutableDictionary.CreateBuilder<SiloAddress, SiloProbeHealth>();
        lock (_probeGate)
        {
            // Declared dead or stopped while probing: a dead silo's results are nobody's business.
            if (CurrentPhase is not (Phase.Active or Phase.Leaving)) return;
            for (var i = 0; i < targets.Count; i++)
            {
                var (answered, roundTrip) = results[i];
                var before = _probes.GetValueOrDefault(targets[i]);
                var missed = answered ? 0 : (before?.ConsecutiveMissedProbes ?? 0) + 1;
                if (answered && before is { ConsecutiveMissedProbes: > 0 }) LogProbeRecovered(_logger, targets[i], before.ConsecutiveMissedProbes);
                next[targets[i]] = new SiloProbeHealth(targets[i], missed, sent, answered, roundTrip, answered ? sent : before?.LastSuccessTime);
            }
            _probes = next.ToImmutable();
        }

        foreach (var health in next.Values.Where(h => h.ConsecutiveMissedProbes >= _options.NumMissedProbesLimit))
        {
            if (health.ConsecutiveMissedProbes == _options.NumMissedProbesLimit) LogProbesMissed(_logger, health.Silo, health.ConsecutiveMissedProbes);
            await RunGuardedAsync($"suspecting {health.Silo}", ct => SuspectOrKillAsync(health.Silo, ct), stopping).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The ring successors of this silo among the active (and shutting-down) silos, plus every such
    /// silo that someone suspects or whose i-am-alive is stale, so its fate is settled by more than
    /// its ring neighbours.
    /// </summary>
    private List<SiloAddress> SelectProbeTargets(MembershipTableSnapshot snapshot, DateTimeOffset now)
    {
        var self = _self!;
        // Shutting-down silos stay in the ring so one that dies mid-leave is still declared dead.
        static bool Monitored(SiloStatus status) => status is SiloStatus.Active or SiloStatus.ShuttingDown;

        var ring = snapshot.Rows.Where(r => Monitored(r.Status) || r.Address == self).Select(r => r.Address).ToList();
        var targets = new List<SiloAddress>();
        var me = ring.IndexOf(self);
        if (me < 0) return targets;
        for (var i = 1; i < ring.Count && targets.Count < _options.NumProbedSilos; i++) targets.Add(ring[(me + i) % ring.Count]);

        foreach (var row in snapshot.Rows)
        {
            if (row.Address == self || !Monitored(row.Status) || targets.Contains(row.Address)) continue;
            if (row.Entry.FreshVotes(now, _options.DeathVoteExpiration).Length > 0 || row.Entry.IsStale(now, _options.AllowedIAmAliveMissPeriod))
            {
                targets.Add(row.Address);
            }
        }
        return targets;
    }

    private async Task<(bool Answered, TimeSpan RoundTrip)> ProbeAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ProbeTimeout);
        try
        {
            // WaitAsync: a prober that ignores its timeout must not stall the detector.
            var answered = await _prober.ProbeAsync(silo, _options.ProbeTimeout, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            return (answered, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogProbeFailed(_logger, ex, silo);
            return (false, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// Votes <paramref name="suspect"/> dead, or declares it dead when this vote completes the
    /// required number of fresh votes; re-reads and retries after a conflict.
    /// </summary>
    private async Task SuspectOrKillAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        var self = _self!;
        while (true)
        {
            var snapshot = await ReadAsync(cancellationToken).ConfigureAwait(false);
            // Only a live, serving silo's opinion counts.
            if (snapshot.Find(self)?.Status is not (SiloStatus.Active or SiloStatus.ShuttingDown)) return;
            var row = snapshot.Find(suspect);
            if (row is null || row.Status == SiloStatus.Dead) return;

            var now = Now;
            var fresh = row.Entry.FreshVotes(now, _options.DeathVoteExpiration);
            var mine = fresh.FirstOrDefault(v => v.Voter == self);
            var votes = fresh.Where(v => v.Voter != self).Append(new SuspicionVote(self, now)).ToImmutableArray();
            var otherActive = snapshot.Rows.Count(r => r.Status == SiloStatus.Active && r.Address != suspect);
            var required = Math.Max(1, Math.Min(_options.NumVotesForDeathDeclaration, otherActive));

            if (votes.Length >= required)
            {
                var dead = row.Entry with { Status = SiloStatus.Dead, Suspicions = votes };
                if (await _table.UpdateRowAsync(dead, row.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
                {
                    LogDeclaredDead(_logger, suspect, votes.Length, string.Join(", ", votes.Select(v => v.Voter)));
                    RequestRefresh();
                    return;
                }
            }
            else
            {
                // A vote of ours that is still young counts already; rewriting it would only churn the version.
                if (mine is not null && now - mine.Time < _options.DeathVoteExpiration / 2) return;
                var suspected = row.Entry with { Suspicions = votes };
                if (await _table.UpdateRowAsync(suspected, row.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
                {
                    LogVoted(_logger, suspect, votes.Length, required);
                    RequestRefresh();
                    return;
                }
            }
            LogConflict(_logger, $"suspecting {suspect}", self);
        }
    }

    /// <summary>A row joining for longer than the join timeout belongs to a silo that died while joining.</summary>
    private async Task EvictStaleJoinersAsync(MembershipTableSnapshot snapshot, CancellationToken cancellationToken)
    {
        var now = Now;
        var stale = snapshot.Rows.FirstOrDefault(r => r.Status == SiloStatus.Joining && r.Address != _self && now - r.Entry.StartTime > _options.JoinTimeout);
        if (stale is null) return;
        // One attempt: after a conflict the next refresh sees the newer table and tries again.
        if (await _table.UpdateRowAsync(stale.Entry with { Status = SiloStatus.Dead }, stale.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
        {
            LogStaleJoinerDead(_logger, stale.Address, _options.JoinTimeout);
            RequestRefresh();
        }
    }

    // ---- View ----------------------------------------------------------------------------------

    private async Task<MembershipTableSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        Apply(snapshot);
        return snapshot;
    }

    private void RequestRefresh() => _refreshRequests.Writer.TryWrite(true);

    /// <summary>Takes in a table read: publishes a newer view, and notices when this silo was declared dead.</summary>
    private void Apply(MembershipTableSnapshot snapshot)
    {
        ClusterMembershipView? published = null;
        var statusesChanged = false;
        lock (_viewGate)
        {
            if (snapshot.Version < _latest.Version) return;
            Volatile.Write(ref _latest, snapshot);
            if (snapshot.Version > _view.Version)
            {
                published = snapshot.ToView();
                statusesChanged = !published.Members.Select(m => (m.Address, m.Status)).SequenceEqual(_view.Members.Select(m => (m.Address, m.Status)));
                Volatile.Write(ref _view, published);
                // Raised under the lock so subscribers see versions in order.
                Raise(ViewChanged, published);
            }
        }
        // Votes bump the version too; only a change of who is in which status is news for the log.
        if (published is not null) LogViewChanged(_logger, statusesChanged ? LogLevel.Information : LogLevel.Debug, _self, published);
        if (_registered) CheckOwnRow(snapshot);
    }

    private void CheckOwnRow(MembershipTableSnapshot snapshot)
    {
        var own = snapshot.Find(_self!);
        if (own is not null && own.Status != SiloStatus.Dead) return;
        while (true)
        {
            var phase = CurrentPhase;
            // Leaving ends in Dead by design; after Left, DeclaredDead or Stopped there is nothing to stop.
            if (phase is not (Phase.Joining or Phase.Active)) return;
            if (TryMove(phase, Phase.DeclaredDead)) break;
        }

        var voters = own is null ? "its row is gone" : string.Join(", ", own.Entry.Suspicions.Select(v => v.Voter));
        LogSelfDeclaredDead(_logger, _self!, voters);
        // Not awaited: this may run on one of the loops being stopped.
        _ = _stopping.CancelAsync();
        lock (_probeGate) _probes = ImmutableDictionary<SiloAddress, SiloProbeHealth>.Empty;
        foreach (var handler in DeclaredDead?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action)handler)();
            }
            catch (Exception ex)
            {
                LogHandlerFailed(_logger, ex, nameof(DeclaredDead));
            }
        }
    }

    private void Raise(Action<ClusterMembershipView>? handlers, ClusterMembershipView view)
    {
        foreach (var handler in handlers?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<ClusterMembershipView>)handler)(view);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(_logger, ex, nameof(ViewChanged));
            }
        }
    }

    private ImmutableDictionary<SiloAddress, SiloProbeHealth> ProbeResults()
    {
        lock (_probeGate) return _probes;
    }

    private bool TryMove(Phase from, Phase to) => Interlocked.CompareExchange(ref _phase, (int)to, (int)from) == (int)from;

    // ---- Logging -------------------------------------------------------------------------------

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Silo {Silo} ({SiloName}) is joining the cluster")]
    private static partial void LogJoining(ILogger logger, SiloAddress silo, string siloName);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Silo {Silo} is active after {Milliseconds:F0} ms; view {View}")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo, double milliseconds, ClusterMembershipView view);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Marked {Previous}, a previous incarnation of {Silo} on the same endpoint, dead")]
    private static partial void LogPreviousIncarnationDead(ILogger logger, SiloAddress previous, SiloAddress silo);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Joining silo {Silo}: {Silent} of {Active} active silos do not answer probes ({Silos}); waiting until they answer or are declared dead")]
    private static partial void LogWaitingForSilos(ILogger logger, SiloAddress silo, int silent, int active, string silos);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Silo {Silo} wrote its status {Status}")]
    private static partial void LogOwnStatus(ILogger logger, SiloAddress silo, SiloStatus status);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Silo {Silo} is leaving the cluster")]
    private static partial void LogLeaving(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Silo {Silo} left the cluster")]
    private static partial void LogLeft(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 8, Message = "Silo {Silo} sees membership {View}")]
    private static partial void LogViewChanged(ILogger logger, LogLevel level, SiloAddress? silo, ClusterMembershipView view);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Silo {Silo} missed {Missed} probes in a row; suspecting it")]
    private static partial void LogProbesMissed(ILogger logger, SiloAddress silo, int missed);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Silo {Silo} answers probes again after {Missed} missed")]
    private static partial void LogProbeRecovered(ILogger logger, SiloAddress silo, int missed);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Voted silo {Silo} dead: {Votes} of {Required} fresh votes")]
    private static partial void LogVoted(ILogger logger, SiloAddress silo, int votes, int required);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Declared silo {Silo} dead with {Votes} fresh votes ({Voters})")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo, int votes, string voters);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "Silo {Silo} was declared dead by the cluster (voters: {Voters}); it stops and must not serve")]
    private static partial void LogSelfDeclaredDead(ILogger logger, SiloAddress silo, string voters);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Declared silo {Silo} dead: it has been joining for longer than {JoinTimeout}")]
    private static partial void LogStaleJoinerDead(ILogger logger, SiloAddress silo, TimeSpan joinTimeout);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Deleted {Count} dead silo rows older than {Expiration}")]
    private static partial void LogDefunctDeleted(ILogger logger, int count, TimeSpan expiration);

    [LoggerMessage(EventId = 16, Level = LogLevel.Debug, Message = "Membership table conflict while {Activity} on silo {Silo}; retrying on a fresh read")]
    private static partial void LogConflict(ILogger logger, string activity, SiloAddress silo);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Membership table failed while {Activity}; retrying on the next period: {Reason}")]
    private static partial void LogTableFailure(ILogger logger, Exception exception, string activity, string reason);

    [LoggerMessage(EventId = 18, Level = LogLevel.Error, Message = "Membership loop failed while {Activity}; retrying on the next period")]
    private static partial void LogLoopFailure(ILogger logger, Exception exception, string activity);

    [LoggerMessage(EventId = 19, Level = LogLevel.Debug, Message = "Probe of silo {Silo} failed")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception, SiloAddress silo);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Membership change notifications failed; relying on the periodic refresh until they resume")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "A {Event} handler failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string @event);
}
