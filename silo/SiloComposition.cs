using System.Reflection;
using Commerce.Grains;
using Commerce.Grains.Orders;
using Commerce.Grains.Audit;
using Commerce.Grains.Catalog;
using Commerce.Grains.Payments;
using Commerce.Grains.Users;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Hosting;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Postgres;
using Commerce.Runtime.Postgres.Streams;
using Commerce.Runtime.Reminders;

namespace Commerce.Silo;

/// <summary>
/// Wires the silo from <see cref="SiloHostOptions"/>: the embedded default (memory storage and
/// reminders, no network, no database) or a cluster member over PostgreSQL.
/// </summary>
internal static class SiloComposition
{
    public static WebApplicationBuilder AddCommerceSilo(this WebApplicationBuilder builder, SiloHostOptions options)
    {
        if (options.Postgres is { } postgres)
        {
            // Registered before the silo so the schema is current before anything uses it.
            builder.Services.AddHostedService(sp => new SchemaMigrationHostedService(postgres, [CommerceSchema.MigrationAssembly], sp.GetRequiredService<ILogger<SchemaMigrator>>()));
            builder.Services.AddPostgresGrainStorageAsDefault(o => o.ConnectionString = postgres);
            builder.Services.UsePostgresUserIndex(postgres).UsePostgresAuditLog(postgres);
            builder.Services.UsePostgresCatalog(postgres);
            builder.Services.UsePostgresPayments(postgres);
            builder.Services.UsePostgresOrders(postgres);
        }

        builder.UseSilo(silo =>
        {
            silo.Configure<SiloOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                if (options.SiloName is not null) o.SiloName = options.SiloName;
            });
            if (options.GrainAssembly is not null) silo.AddGrainAssembly(Assembly.LoadFrom(options.GrainAssembly));
            if (options.Postgres is { } connectionString)
            {
                silo.UsePostgresClustering(connectionString);
                silo.UsePostgresReminders(connectionString);
                // Tunables under Streams, e.g. --Streams:PollInterval=00:00:00.010.
                silo.UsePostgresStreams(connectionString, o => builder.Configuration.GetSection("Streams").Bind(o));
                silo.UseClusterNetworking(
                    endpoints =>
                    {
                        endpoints.AdvertisedAddress = options.AdvertisedAddress;
                        endpoints.SiloPort = options.SiloPort;
                        endpoints.GatewayPort = options.GatewayPort;
                    },
                    networking =>
                    {
                        // Tunables under Networking, e.g. --Networking:RunTurnsOnReader=false.
                        builder.Configuration.GetSection("Networking").Bind(networking);
                        networking.ClusterSecret = options.ClusterSecret;
                    });
            }
            else
            {
                silo.AddMemoryGrainStorage();
                silo.UseInMemoryReminders();
            }
        });
        // Tunables by section, e.g. --Membership:ProbePeriod=00:00:01 or COMMERCE_REMINDERS__MINIMUMPERIOD.
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Membership"));
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("Reminders"));
        builder.Services.Configure<MessagingOptions>(builder.Configuration.GetSection("Messaging"));
        builder.Services.Configure<GrainCollectionOptions>(builder.Configuration.GetSection("GrainCollection"));
        builder.Services.AddCommerceGrains();
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        return builder;
    }
}
