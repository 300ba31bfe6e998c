using Commerce.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Runtime.Reminders;

/// <summary>
/// Reminders for a silo: <c>silo.UseInMemoryReminders()</c>, or a database table
/// (<c>silo.UsePostgresReminders(connectionString)</c> in Commerce.Runtime.Postgres). Grains then
/// reach <see cref="IReminderRegistry"/> through <see cref="GrainReminderExtensions"/>.
/// </summary>
public static class ReminderSiloBuilderExtensions
{
    /// <summary>
    /// Keeps reminders in memory: they survive deactivations but not the process. Pass the same
    /// <paramref name="table"/> to the silos of one process to share it (tests restarting a silo do).
    /// </summary>
    public static ISiloBuilder UseInMemoryReminders(this ISiloBuilder silo, InMemoryReminderTable? table = null)
    {
        table ??= new InMemoryReminderTable();
        return silo.UseReminders(_ => table);
    }

    /// <summary>
    /// Adds the reminder service over the table <paramref name="tableFactory"/> builds; what table
    /// providers call. A later call replaces the table of an earlier one.
    /// </summary>
    public static ISiloBuilder UseReminders(this ISiloBuilder silo, Func<IServiceProvider, IReminderTable> tableFactory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(tableFactory);
        var services = silo.Services;
        services.RemoveAll<IReminderTable>();
        services.AddSingleton(tableFactory);
        if (services.Any(s => s.ServiceType == typeof(ReminderService))) return silo;

        services.AddOptions<ReminderOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReminderService>();
        services.AddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<ReminderService>());
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        return silo;
    }

    /// <summary>Sets <see cref="ReminderOptions"/>, e.g. <c>options => options.MinimumPeriod = TimeSpan.FromSeconds(10)</c>.</summary>
    public static ISiloBuilder ConfigureReminders(this ISiloBuilder silo, Action<ReminderOptions> configure) =>
        silo.Configure(configure);
}
