using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Members;
using Commerce.GrainInterfaces.Notifications;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Users;
using Commerce.Runtime;

namespace Commerce.Api.Apis;

/// <summary>
/// A privacy export: the account's own data plus what other areas hold about the person (orders,
/// loyalty points, notifications). Erasure removes the account's personal data and disables it.
/// </summary>
public sealed record PersonalDataExport(
    UserDataExport Account,
    IReadOnlyList<OrderSnapshot> Orders,
    MemberSnapshot? Membership,
    IReadOnlyList<Notification> Notifications)
{
    /// <summary>Most orders and notifications an export includes.</summary>
    public const int MaxLinkedRecords = 100;

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

    public static async Task EraseAsync(IGrainFactory grains, string userId)
    {
        await grains.GetGrain<IUserGrain>(userId).EraseAsync();
    }
}
