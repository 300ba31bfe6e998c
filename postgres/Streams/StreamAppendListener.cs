using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.Runtime.Postgres.Streams;

/// <summary>
/// The one connection per silo and provider that LISTENs on the log's notification channel
/// (<see cref="PostgresStreamLog.GetNotificationChannelAsync"/>) and wakes the agent of each
/// partition an append committed to, so idle agents wait instead of polling. A dropped connection is
/// logged and reopened with backoff; notifications sent meanwhile are lost, so every reconnect wakes
/// every agent once, and agents read every <see cref="PostgresStreamProviderOptions.IdlePollInterval"/>
/// regardless: a lost notification delays an event, it never loses it.
/// </summary>
internal sealed class StreamAppendListener
{
    private const string KeepAliveSql = "SELECT 1";

    private readonly PostgresStreamProvider _provider;
    private readonly PostgresStreamProviderOptions _options;
    private readonly ILogger _logger;
    private readonly PartitionSignal[] _signals;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public StreamAppendListener(PostgresStreamProvider provider, PostgresStreamProviderOptions options, ILogger logger)
    {
        _provider = provider;
        _options = options;
        _logger = logger;
        _signals = new PartitionSignal[provider.Log.PartitionCount];
        for (var i = 0; i < _signals.Length; i++) _signals[i] = new PartitionSignal();
    }

    /// <summary>The signal the agent of <paramref name="partition"/> waits on.</summary>
    public PartitionSignal SignalOf(int partition) => _signals[partition];

    /// <summary>
    /// Starts listening and returns once the first attempt to connect has succeeded or failed (then it
    /// goes on trying in the background), so appends made after start-up are heard of.
    /// </summary>
    public Task StartAsync()
    {
        var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = Task.Run(() => RunAsync(firstAttempt, _stop.Token));
        return firstAttempt.Task;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    private async Task RunAsync(TaskCompletionSource firstAttempt, CancellationToken cancellationToken)
    {
        var backoff = _options.RetryBackoff;
        var lost = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() =>
                {
                    backoff = _options.RetryBackoff;
                    if (lost) _logger.LogInformation("Stream provider {Provider} listens for appends again", _provider.Name);
                    lost = false;
                    firstAttempt.TrySetResult();
                }, cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                lost = true;
                firstAttempt.TrySetResult();
                _logger.LogWarning(exception,
                    "Stream provider {Provider} lost its connection listening for appends; reconnecting in {Backoff}, agents read every {IdlePollInterval} meanwhile",
                    _provider.Name, backoff, _options.IdlePollInterval);
                try
                {
                    await Task.Delay(backoff, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryBackoff.Ticks));
            }
        }
        firstAttempt.TrySetResult();
    }

    /// <summary>Listens until the connection fails (throws) or the silo stops (throws <see cref="OperationCanceledException"/>).</summary>
    private async Task ListenAsync(Action listening, CancellationToken cancellationToken)
    {
        var channel = await _provider.Log.GetNotificationChannelAsync(cancellationToken);
        await using var connection = await _provider.Log.DataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += OnNotification;
        await using (var name = new NpgsqlCommand("SELECT set_config('application_name', $1, false)", connection))
        {
            name.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{PostgresStreamsSiloBuilderExtensions.ListenerApplicationName}:{_provider.Name}" });
            await name.ExecuteNonQueryAsync(cancellationToken);
        }
        // A channel is an identifier and cannot be a parameter; it is quoted.
        await using (var listen = new NpgsqlCommand($"LISTEN \"{channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        // Appends committed while no one listened were heard of by no one: every agent reads once.
        WakeAll();
        listening();

        await using var keepAlive = new NpgsqlCommand(KeepAliveSql, connection);
        while (true)
        {
            // Notifications are raised (OnNotification) on this call; a server-side close fails it.
            if (!await connection.WaitAsync(_options.ListenerKeepAlive, cancellationToken))
            {
                await keepAlive.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (int.TryParse(notification.Payload, out var partition) && (uint)partition < (uint)_signals.Length)
        {
            _signals[partition].Set();
        }
    }

    private void WakeAll()
    {
        foreach (var signal in _signals) signal.Set();
    }
}
