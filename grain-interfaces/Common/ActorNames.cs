namespace Commerce.GrainInterfaces.Common;

/// <summary>
/// How grains' histories (order transitions, audit, refunds) name who acted: <c>user:{userId}</c> for a shopper,
/// <c>admin:{userId}</c> for staff, or a fixed name for the system itself. Actor names are stored in those
/// histories and shown to users, support and auditors, who filter and compare them across old and new entries, so
/// the format must not change; build actor names here rather than by hand.
/// </summary>
public static class ActorNames
{
    public const string UserPrefix = "user:";
    public const string AdminPrefix = "admin:";

    /// <summary>The cluster acting on its own (timers, reminders, zero-amount payments).</summary>
    public const string System = "system";

    /// <summary>The carrier, through its webhooks.</summary>
    public const string Carrier = "carrier";

    /// <summary>A shopper: <c>user:{userId}</c>.</summary>
    public static string User(string userId) => UserPrefix + userId;

    /// <summary>A staff member: <c>admin:{userId}</c>.</summary>
    public static string Admin(string userId) => AdminPrefix + userId;
}
