using Commerce.Runtime.Hosting;
using Commerce.Runtime.Placement;
using Commerce.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Runtime.Reminders.Tests.Support;

/// <summary>Test clusters with reminders whose minimum period is short enough for tests.</summary>
public static class ReminderClusters
{
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromMilliseconds(50);

    /// <param name="log">Where the test grains of this silo report.</param>
    /// <param name="useReminders">The reminder provider; in-memory with its own table when null.</param>
    /// <param name="ownership">Replaces the silo's grain ownership when given.</param>
    /// <param name="configure">More silo configuration.</param>
    public static Task<TestCluster> StartAsync(
        ReminderLog log,
        Action<ISiloBuilder>? useReminders = null,
        IGrainOwnership? ownership = null,
        Action<ISiloBuilder>? configure = null) =>
        TestCluster.StartAsync(
            silo =>
            {
                if (useReminders is null) silo.UseInMemoryReminders();
                else useReminders(silo);
                silo.ConfigureReminders(options => options.MinimumPeriod = MinimumPeriod);
                configure?.Invoke(silo);
            },
            services =>
            {
                services.AddSingleton(log);
                if (ownership is not null)
                {
                    services.RemoveAll<IGrainOwnership>();
                    services.AddSingleton(ownership);
                }
            });

    public static IReminderRegistry Reminders(this TestCluster cluster) => cluster.Services.GetRequiredService<IReminderRegistry>();
}
