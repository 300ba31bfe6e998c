using Commerce.Grains;
using Commerce.Grains.Catalog;
using Commerce.Grains.Inventory;
using Commerce.Runtime.Hosting;
using Commerce.Runtime.Reminders;
using Commerce.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Catalog.Tests;

/// <summary>An in-process silo with the commerce grains and reminders short enough for tests.</summary>
public static class CatalogCluster
{
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMilliseconds(100);

    public static Task<TestCluster> StartAsync(
        Action<CatalogOptions>? catalog = null,
        Action<InventoryOptions>? inventory = null,
        InMemoryReminderTable? reminders = null,
        Action<ISiloBuilder>? silo = null,
        Action<IServiceCollection>? services = null) =>
        TestCluster.StartAsync(
            s =>
            {
                s.UseInMemoryReminders(reminders);
                s.ConfigureReminders(o =>
                {
                    o.MinimumPeriod = ReminderPeriod;
                    o.RefreshPeriod = TimeSpan.FromMilliseconds(200);
                });
                silo?.Invoke(s);
            },
            s =>
            {
                s.AddCommerceGrains();
                s.Configure<CatalogOptions>(o =>
                {
                    o.ReminderPeriod = ReminderPeriod;
                    catalog?.Invoke(o);
                });
                s.Configure<InventoryOptions>(o =>
                {
                    o.ExpiryReminderPeriod = ReminderPeriod;
                    inventory?.Invoke(o);
                });
                services?.Invoke(s);
            });

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        return await condition();
    }
}
