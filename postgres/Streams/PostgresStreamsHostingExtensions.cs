using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Streams;

namespace Commerce.Postgres.Streams;

/// <summary>
/// Registers the PostgreSQL stream provider (<see cref="PostgresQueueAdapterFactory"/>) as an Orleans
/// persistent stream provider: on silos, which produce and run the pulling agents, and on cluster
/// clients, which only produce (appending straight to the log, no gateway hop). Both sides need the
/// same connection string and partition count. The schema (migration 004) must exist first.
/// </summary>
/// <example>
/// <code>
/// siloBuilder.AddPostgresStreams("durable", connectionString);
/// clientBuilder.AddPostgresStreams("durable", connectionString);
/// </code>
/// </example>
public static class PostgresStreamsHostingExtensions
{
    /// <summary>
    /// The <c>application_name</c> (in <c>pg_stat_activity</c>) of the connection on which a silo
    /// listens for appends, followed by <c>:</c> and the provider's name: one per silo and provider.
    /// </summary>
    public const string ListenerApplicationName = "commerce-streams-listener";

    /// <summary>
    /// Adds the stream provider <paramref name="name"/> over the log in the database at
    /// <paramref name="connectionString"/>, with pulling agents polling every
    /// <see cref="PostgresStreamProviderOptions.DefaultGetQueueMessagesPeriod"/>. With Orleans'
    /// default pub-sub (explicit and implicit subscriptions) the silo needs a grain storage named
    /// <c>PubSubStore</c> (or <paramref name="name"/>) for explicit subscriptions, and refuses to start
    /// without one; a provider used only through <c>[ImplicitStreamSubscription]</c> can do without:
    /// <c>configureStream: s => s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)</c>. Tune Orleans'
    /// side (cache size, delivery retries and their backoff, balancer) in <paramref name="configureStream"/>.
    /// </summary>
    public static ISiloBuilder AddPostgresStreams(
        this ISiloBuilder builder,
        string name,
        string connectionString,
        Action<PostgresStreamProviderOptions>? configureOptions = null,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddCommonServices(builder.Services, name, connectionString, configureOptions);
        return builder.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, stream =>
        {
            stream.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = PostgresStreamProviderOptions.DefaultGetQueueMessagesPeriod));
            configureStream?.Invoke(stream);
        });
    }

    /// <summary>
    /// Adds the stream provider <paramref name="name"/> to a cluster client, so it can produce:
    /// <c>OnNextAsync</c> completes when the event is committed to the log.
    /// </summary>
    public static IClientBuilder AddPostgresStreams(
        this IClientBuilder builder,
        string name,
        string connectionString,
        Action<PostgresStreamProviderOptions>? configureOptions = null,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddCommonServices(builder.Services, name, connectionString, configureOptions);
        return builder.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, configureStream);
    }

    private static void AddCommonServices(IServiceCollection services, string name, string connectionString, Action<PostgresStreamProviderOptions>? configureOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // The batch container crosses silos in Orleans' format; its codec is generated in this assembly.
        services.AddSerializer(serializer => serializer.AddAssembly(typeof(PostgresBatchContainer).Assembly));
        services.AddOptions<PostgresStreamProviderOptions>(name).Configure(o =>
        {
            o.ConnectionString = connectionString;
            configureOptions?.Invoke(o);
        });
        // The provider's log, for replay, dead letters and checkpoints: GetRequiredKeyedService<PostgresStreamLog>(name).
        services.AddKeyedSingleton(name, (sp, key) => ((PostgresQueueAdapterFactory)sp.GetRequiredKeyedService<IQueueAdapterFactory>(key)).Log);
    }
}
