using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Members;
using Commerce.GrainInterfaces.Notifications;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Users;
using Orleans;

namespace Commerce.Api.Apis;

/// <summary>
/// A privacy export: the account's own data plus what other areas hold about the person (orders,
/// loyalty points, notifications). Erasure removes the account's personal data and disables it, then
/// anonymizes the shipping address of every order the person placed.
/// </summary>
public sealed record PersonalDataExport(
    UserDataExport Account,
    IReadOnlyList<OrderSnapshot> Orders,
    MemberSnapshot? Membership,
    IReadOnlyList<Notification> Notifications)
{
    /// <summary>Most orders and notifications an export includes.</summary>
    public const int MaxLinkedRecords = 100;

    /// <summary>Orders erased per page of the user's order listing: the largest page the order query serves.</summary>
    private const int ErasurePageSize = 100;

    public static async Task<PersonalDataExport> CollectAsync(IGrainFactory grains, string userId)
    {
        var account = await grains.GetGrain<IUserGrain>(userId).ExportAsync();
        var summaries = await grains.GetGrain<IOrderQueryGrain>("orders").GetByUserAsync(userId, 1, MaxLinkedRecords);
        var orders = await Task.WhenAll(summaries.Items.Select(o => grains.GetGrain<IOrderGrain>(o.OrderId).GetAsync()));
        MemberSnapshot? membership;
        try
        {
            membership = await grains.GetGrain<IMemberGrain>(userId).GetAsync();
        }
        catch (NotFoundException)
        {
            membership = null;
        }

        var notifications = await grains.GetGrain<INotificationOutboxGrain>(userId).PollAsync(0, MaxLinkedRecords);
        return new PersonalDataExport(account, orders, membership, notifications.Items);
    }

    /// <summary>
    /// Erases the account, then the shipping address of each of the person's orders (all of them, page by page;
    /// order totals and countries stay for accounting). <paramref name="actor"/> is recorded in each order's history.
    /// Every step is idempotent, so a failed erasure is completed by repeating it.
    /// </summary>
    public static async Task EraseAsync(IGrainFactory grains, string userId, string actor)
    {
        await grains.GetGrain<IUserGrain>(userId).EraseAsync();

        // Erasing changes no order's place in the listing (newest placed first), so paging forward sees each order once.
        var orders = grains.GetGrain<IOrderQueryGrain>("orders");
        for (var page = 1; ; page++)
        {
            var summaries = await orders.GetByUserAsync(userId, page, ErasurePageSize);
            await Task.WhenAll(summaries.Items.Select(o => grains.GetGrain<IOrderGrain>(o.OrderId).ErasePersonalDataAsync(actor)));
            if (summaries.Items.Count == 0 || (long)page * ErasurePageSize >= summaries.Total) return;
        }
    }
}
