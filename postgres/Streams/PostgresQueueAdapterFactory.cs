using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization.TypeSystem;
using Orleans.Streams;

namespace Commerce.Postgres.Streams;

/// <summary>
/// The Orleans persistent stream provider over the PostgreSQL stream log: one instance per provider
/// name in each silo and client (<c>AddPostgresStreams</c>). It owns the provider's data source and
/// <see cref="PostgresStreamLog"/>, and hands Orleans the adapter (append on produce), one receiver
/// per log partition, the queue mapper (queue = partition), Orleans' simple in-memory cache and the
/// dead-lettering failure handler. Orleans supplies the rest: pulling agents spread over the silos,
/// pub-sub, implicit subscriptions, delivery and its retries.
/// </summary>
public sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable, IDisposable
{
    private readonly PostgresStreamProviderOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly PostgresStreamFailureHandler _failureHandler;
    private readonly PostgresQueueAdapter _adapter;
    private readonly StreamAppendListener _listener;
    private readonly StreamEventSerializer _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private int _disposed;

    /// <param name="name">The stream provider's name.</param>
    /// <param name="options">The provider's settings (validated here).</param>
    /// <param name="cacheOptions">The size of Orleans' cache per partition.</param>
    /// <param name="pullingAgentOptions">Orleans' pulling agent settings, for how long delivery is retried.</param>
    /// <param name="typeConverter">Orleans' type names, for the log's <c>event_type</c>.</param>
    /// <param name="loggerFactory">Loggers of the receivers, listener and failure handler.</param>
    /// <param name="time">The clock of reads and retention.</param>
    public PostgresQueueAdapterFactory(
        string name,
        PostgresStreamProviderOptions options,
        SimpleQueueCacheOptions cacheOptions,
        StreamPullingAgentOptions pullingAgentOptions,
        TypeConverter typeConverter,
        ILoggerFactory loggerFactory,
        TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cacheOptions);
        ArgumentNullException.ThrowIfNull(pullingAgentOptions);
        ArgumentNullException.ThrowIfNull(typeConverter);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        Name = name;
        ConsumerGroup = options.ConsumerGroup ?? $"provider:{name}";
        _options = options;
        _loggerFactory = loggerFactory;
        _time = time;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString!);
        Log = new PostgresStreamLog(_dataSource, options.Log);
        _serializer = new StreamEventSerializer(typeConverter, options.JsonSerializerOptions);
        _mapper = new PostgresStreamQueueMapper(name, Log.PartitionCount);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
        _failureHandler = new PostgresStreamFailureHandler(Log, ConsumerGroup, pullingAgentOptions.MaxEventDeliveryTime, loggerFactory.CreateLogger<PostgresStreamFailureHandler>());
        _listener = new StreamAppendListener(Log, options, name, loggerFactory.CreateLogger<StreamAppendListener>());
        _adapter = new PostgresQueueAdapter(name, Log, _serializer, CreateReceiver);
    }

    /// <summary>The stream provider's name.</summary>
    public string Name { get; }

    /// <summary>The consumer group this provider's receivers checkpoint and dead-letter under (<see cref="PostgresStreamProviderOptions.ConsumerGroup"/>).</summary>
    public string ConsumerGroup { get; }

    /// <summary>The log the provider appends to and reads: replay, dead letters, checkpoints.</summary>
    public PostgresStreamLog Log { get; }

    /// <summary>The factory Orleans calls (<c>AddPersistentStreams</c>) for the provider <paramref name="name"/>.</summary>
    public static PostgresQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new PostgresQueueAdapterFactory(
            name,
            services.GetRequiredService<IOptionsMonitor<PostgresStreamProviderOptions>>().Get(name),
            services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name),
            services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(name),
            services.GetRequiredService<TypeConverter>(),
            services.GetRequiredService<ILoggerFactory>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
    }

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter);

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(_failureHandler);

    /// <summary>Stops listening, waits for queued appends to be flushed, and closes the data source.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _listener.DisposeAsync().ConfigureAwait(false);
        await Log.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>For containers disposed synchronously; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private PostgresQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var partition = _mapper.GetPartition(queueId);
        return new PostgresQueueAdapterReceiver(
            partition,
            Log,
            _serializer,
            _listener.WakeupOf(partition),
            ConsumerGroup,
            _options,
            _time,
            _loggerFactory.CreateLogger($"{typeof(PostgresQueueAdapterReceiver).FullName}.{Name}.{partition}"));
    }
}
