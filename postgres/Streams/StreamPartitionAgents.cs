using Commerce.Runtime.Placement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Postgres.Streams;

/// <summary>
/// Runs the pulling agents of the partitions this silo owns. A partition is owned like a grain
/// (rendezvous hashing over the active silos, <see cref="IGrainOwnership"/>) under the identity
/// <c>sys.stream-agent/provider/partition</c>, so partitions spread over the silos and move when
/// membership changes: the old owner stops its agent, the new one starts from the checkpoint. Around
/// a change both may deliver for a moment; checkpoints only move forward, and consumers see at most
/// duplicates. The owner of partition 0 also applies retention. Idle agents wait for the
/// notifications of one listening connection (<see cref="StreamAppendListener"/>), opened at start
/// whether or not the silo owns partitions.
/// </summary>
public sealed class StreamPartitionAgents : IHostedService
{
    private static readonly GrainType AgentType = new("sys.stream-agent");

    private readonly PostgresStreamProvider _provider;
    private readonly PostgresStreamProviderOptions _options;
    private readonly IGrainOwnership _ownership;
    private readonly ILogger<StreamPartitionAgents> _logger;
    private readonly StreamAppendListener _listener;

    private readonly Dictionary<int, StreamPartitionAgent> _agents = [];
    private readonly SemaphoreSlim _rebalance = new(1, 1);
    private CancellationTokenSource? _stopping;
    private Task _retention = Task.CompletedTask;

    internal StreamPartitionAgents(PostgresStreamProvider provider, PostgresStreamProviderOptions options, IGrainOwnership ownership, ILogger<StreamPartitionAgents> logger)
    {
        _provider = provider;
        _options = options;
        _ownership = ownership;
        _logger = logger;
        _listener = new StreamAppendListener(provider, options, logger);
    }

    /// <summary>The partitions whose agents run in this silo now.</summary>
    public IReadOnlyCollection<int> OwnedPartitions
    {
        get
        {
            lock (_agents) return _agents.Keys.Order().ToArray();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        await _provider.Log.RegisterConsumerGroupAsync(_provider.ConsumerGroup, cancellationToken);
        await _listener.StartAsync();
        _ownership.OwnershipChanged += OnOwnershipChanged;
        await RebalanceAsync();
        _retention = RetainAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _ownership.OwnershipChanged -= OnOwnershipChanged;
        if (_stopping is not null) await _stopping.CancelAsync();
        await _rebalance.WaitAsync(cancellationToken);
        try
        {
            StreamPartitionAgent[] agents;
            lock (_agents)
            {
                agents = [.. _agents.Values];
                _agents.Clear();
            }

            await Task.WhenAll(agents.Select(a => a.StopAsync()));
        }
        finally
        {
            _rebalance.Release();
        }

        try
        {
            await _retention;
        }
        catch (OperationCanceledException)
        {
        }

        await _listener.StopAsync();
    }

    private void OnOwnershipChanged() => _ = RebalanceAsync();

    private async Task RebalanceAsync()
    {
        if (_stopping is null || _stopping.IsCancellationRequested) return;
        await _rebalance.WaitAsync();
        try
        {
            if (_stopping.IsCancellationRequested) return;
            var stopped = new List<StreamPartitionAgent>();
            var started = new List<int>();
            lock (_agents)
            {
                for (var partition = 0; partition < _provider.Log.PartitionCount; partition++)
                {
                    var owned = _ownership.IsLocallyOwned(AgentId(partition));
                    if (owned && !_agents.ContainsKey(partition))
                    {
                        var agent = new StreamPartitionAgent(_provider, partition, _listener.SignalOf(partition), _options, _logger);
                        _agents[partition] = agent;
                        agent.Start();
                        started.Add(partition);
                    }
                    else if (!owned && _agents.Remove(partition, out var agent))
                    {
                        stopped.Add(agent);
                    }
                }
            }

            await Task.WhenAll(stopped.Select(a => a.StopAsync()));
            if (started.Count + stopped.Count > 0)
            {
                _logger.LogInformation("Stream provider {Provider}: agents started for partitions [{Started}], stopped for [{Stopped}]",
                    _provider.Name, string.Join(",", started), string.Join(",", stopped.Select(a => a.Partition)));
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Rebalancing the stream partitions of provider {Provider} failed", _provider.Name);
        }
        finally
        {
            _rebalance.Release();
        }
    }

    private async Task RetainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.RetentionPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (!_ownership.IsLocallyOwned(AgentId(0))) continue;
            try
            {
                var deleted = await _provider.Log.ApplyRetentionAsync(_options.Retention, cancellationToken);
                if (deleted > 0) _logger.LogInformation("Stream retention deleted {Count} events older than {Retention}", deleted, _options.Retention);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogWarning(exception, "Stream retention failed; it runs again in {Period}", _options.RetentionPeriod);
            }
        }
    }

    private GrainId AgentId(int partition) => GrainId.Create(AgentType, $"{_provider.Name}/{partition}");
}
