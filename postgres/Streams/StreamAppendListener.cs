using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.Postgres.Streams;

/// <summary>
/// The one connection per silo and provider that LISTENs on the log's notification channel
/// (<see cref="PostgresStreamLog.GetNotificationChannelAsync"/>) and sets the <see cref="PartitionWakeup"/>
/// of each partition an append committed to, so the receivers of idle partitions answer Orleans'
/// frequent polls from memory instead of querying. A dropped connection is logged and reopened with
/// backoff; notifications sent meanwhile are lost, so every (re)connect wakes every partition once,
/// and receivers read every <see cref="PostgresStreamProviderOptions.IdleReadInterval"/> regardless:
/// a lost notification delays an event, it never loses it. Started by the first receiver of the
/// silo (clients, which only produce, never listen).
/// </summary>
internal sealed partial class StreamAppendListener : IAsyncDisposable
{
    private const string KeepAliveSql = "SELECT 1";

    private readonly PostgresStreamLog _log;
    private readonly PostgresStreamProviderOptions _options;
    private readonly string _providerName;
    private readonly ILogger _logger;
    private readonly PartitionWakeup[] _wakeups;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Task? _loop;

    public StreamAppendListener(PostgresStreamLog log, PostgresStreamProviderOptions options, string providerName, ILogger logger)
    {
        _log = log;
        _options = options;
        _providerName = providerName;
        _logger = logger;
        _wakeups = new PartitionWakeup[log.PartitionCount];
        for (var i = 0; i < _wakeups.Length; i++) _wakeups[i] = new PartitionWakeup();
    }

    /// <summary>The wake-up of <paramref name="partition"/>'s receiver; starts listening on the first call.</summary>
    public PartitionWakeup WakeupOf(int partition)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
        return _wakeups[partition];
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            loop = _loop;
        }
        if (loop is not null) await loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = _options.ListenerRetryBackoff;
        var lost = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() =>
                {
                    backoff = _options.ListenerRetryBackoff;
                    if (lost) LogListeningAgain(_logger, _providerName);
                    lost = false;
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                lost = true;
                LogConnectionLost(_logger, exception, _providerName, backoff, _options.IdleReadInterval);
                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxListenerRetryBackoff.Ticks));
            }
        }
    }

    /// <summary>Listens until the connection fails (throws) or the listener is disposed (throws <see cref="OperationCanceledException"/>).</summary>
    private async Task ListenAsync(Action listening, CancellationToken cancellationToken)
    {
        var channel = await _log.GetNotificationChannelAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _log.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        connection.Notification += OnNotification;
        await using (var name = new NpgsqlCommand("SELECT set_config('application_name', $1, false)", connection))
        {
            name.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{PostgresStreamsHostingExtensions.ListenerApplicationName}:{_providerName}" });
            await name.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        // A channel is an identifier and cannot be a parameter; it is quoted.
        await using (var listen = new NpgsqlCommand($"LISTEN \"{channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Appends committed while no one listened were heard of by no one: every partition reads once.
        foreach (var wakeup in _wakeups) wakeup.Set();
        listening();

        await using var keepAlive = new NpgsqlCommand(KeepAliveSql, connection);
        while (true)
        {
            // Notifications are raised (OnNotification) on this call; a server-side close fails it.
            if (!await connection.WaitAsync(_options.ListenerKeepAlive, cancellationToken).ConfigureAwait(false))
            {
                await keepAlive.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (int.TryParse(notification.Payload, out var partition) && (uint)partition < (uint)_wakeups.Length)
        {
            _wakeups[partition].Set();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Stream provider {Provider} listens for appends again")]
    private static partial void LogListeningAgain(ILogger logger, string provider);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Stream provider {Provider} lost its connection listening for appends; reconnecting in {Backoff}, receivers read every {IdleReadInterval} meanwhile")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception, string provider, TimeSpan backoff, TimeSpan idleReadInterval);
}
