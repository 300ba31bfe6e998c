using System.Net;
using System.Reflection;
using Commerce.GrainInterfaces.Streams;
using Commerce.Grains;
using Commerce.Grains.Audit;
using Commerce.Grains.Catalog;
using Commerce.Grains.Orders;
using Commerce.Grains.Payments;
using Commerce.Grains.Users;
using Commerce.Postgres.Migrations;
using Commerce.Postgres.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;

namespace Commerce.Silo;

/// <summary>
/// The one place a commerce silo is put together, used by the silo executable and by the API's embedded silo:
/// the embedded default (localhost clustering, memory storage, reminders and streams, no database) or a cluster
/// member over PostgreSQL (ADO.NET clustering, grain storage and reminders, the durable stream log, read models).
/// </summary>
public static class SiloComposition
{
    /// <summary>ADO.NET invariant of the Npgsql provider, as Orleans' ADO.NET providers name it.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>Grain storage of the stream pub-sub system (explicit subscriptions), as Orleans names it.</summary>
    public const string PubSubStorage = "PubSubStore";

    public static IHostApplicationBuilder AddCommerceSilo(this IHostApplicationBuilder builder, SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = builder.Configuration;
        if (options.Postgres is { } postgres)
        {
            // Registered before the silo so the schema is current before any provider or grain uses it.
            builder.Services.AddCommerceSchemaMigration(postgres);
            builder.Services.UsePostgresUserIndex(postgres).UsePostgresAuditLog(postgres);
            builder.Services.UsePostgresCatalog(postgres);
            builder.Services.UsePostgresPayments(postgres);
            builder.Services.UsePostgresOrders(postgres);
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterIdentity.OrleansClusterId(options.ServiceId, options.ClusterId);
                o.ServiceId = options.ServiceId;
            });
            if (options.SiloName is not null) silo.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
            if (options.GrainAssembly is not null)
            {
                var assembly = Assembly.LoadFrom(options.GrainAssembly);
                silo.Services.AddSerializer(serializer => serializer.AddAssembly(assembly));
            }

            if (options.Postgres is { } connectionString)
            {
                AddPostgresProviders(silo, options, connectionString, configuration);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: ClusterIdentity.OrleansClusterId(options.ServiceId, options.ClusterId));
                silo.UseCommerceInMemoryProviders();
            }

            silo.AddMemoryStreams(StreamProviderNames.Memory);
            silo.Services.AddOptions<ClusterMembershipOptions>().Configure(MembershipDefaults.Apply).Bind(configuration.GetSection("Membership"));
            silo.Services.AddOptions<ReminderOptions>().Bind(configuration.GetSection("Reminders"));
            silo.Services.AddOptions<SiloMessagingOptions>().Bind(configuration.GetSection("Messaging"));
            silo.Services.AddOptions<GrainCollectionOptions>().Bind(configuration.GetSection("GrainCollection"));
            silo.UseJsonGrainState();
            // Orleans' default (resource-optimized) prefers the silo a call arrives at and left new silos nearly
            // empty in the benchmarks; random placement spreads grains, and so load, over every silo.
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            // The dashboard's silo side (its grains, grain service and call profiler); the API serves the UI under /dashboard.
            silo.AddDashboard(o => configuration.GetSection("Dashboard").Bind(o));
        });
        builder.Services.AddCommerceGrains();
        // Orleans logs every directory and placement lookup through Polly at Information.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        return builder;
    }

    /// <summary>
    /// Migrates the commerce schema (the runtime's tables plus the read models and the API's key ring) in <paramref name="connectionString"/>
    /// at start-up, before the hosted services registered after it start. Silos do it in <see cref="AddCommerceSilo"/>; an
    /// API that is a cluster client calls it itself, so it never needs to name the grains assembly the migrations live in.
    /// </summary>
    public static IServiceCollection AddCommerceSchemaMigration(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return services.AddHostedService(sp => new SchemaMigrationHostedService(
            connectionString, [CommerceSchema.MigrationAssembly], sp.GetRequiredService<ILogger<SchemaMigrator>>()));
    }

    /// <summary>
    /// The providers of the embedded default (and of in-process test clusters): grain storage, reminders and the
    /// "durable" stream provider all in memory. Does not add the "memory" stream provider or clustering.
    /// </summary>
    /// <param name="durableStreams">False leaves "durable" out, for a host that brings its own (a test's recording broker).</param>
    public static ISiloBuilder UseCommerceInMemoryProviders(this ISiloBuilder silo, bool durableStreams = true)
    {
        silo.AddMemoryGrainStorageAsDefault();
        silo.AddMemoryGrainStorage(PubSubStorage);
        silo.UseInMemoryReminderService();
        // One process: "durable" events live in memory like "memory" ones; grains publish to it unchanged.
        if (durableStreams) silo.AddMemoryStreams(StreamProviderNames.Durable);
        return silo;
    }

    /// <summary>Grain state is stored as JSON (<see cref="JsonGrainStateSerializer"/>) by every storage provider.</summary>
    public static ISiloBuilder UseJsonGrainState(this ISiloBuilder silo)
    {
        silo.Services.Replace(ServiceDescriptor.Singleton<IGrainStorageSerializer, JsonGrainStateSerializer>());
        return silo;
    }

    private static void AddPostgresProviders(ISiloBuilder silo, SiloHostOptions options, string connectionString, IConfiguration configuration)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        silo.UseClusterTls(options.Tls);
        silo.UseCommercePostgresStorage(connectionString);
        // Tunables under Streams, e.g. --Streams:Partitions=8.
        // Implicit subscriptions only: an explicit pub-sub would make the first event of every new stream (each cart,
        // order, user) register its producer with a rendezvous grain and write that to PostgreSQL, a few ms per new
        // stream on the request path. Durable events are consumed by [ImplicitStreamSubscription] grains.
        silo.AddPostgresStreams(StreamProviderNames.Durable, connectionString, o => configuration.GetSection("Streams").Bind(o),
            stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }

    /// <summary>
    /// Grain storage (the default and the stream pub-sub store) and reminders in PostgreSQL through Orleans' ADO.NET
    /// providers, on the schema <see cref="SchemaMigrator"/> creates. Used by cluster silos, and by tests that need
    /// state and reminders to outlive a silo.
    /// </summary>
    public static ISiloBuilder UseCommercePostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(PubSubStorage, o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }
}
