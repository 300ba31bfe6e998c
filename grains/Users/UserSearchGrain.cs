using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;

namespace Commerce.Grains.Users;

/// <summary>Reads the user listing from <see cref="IUserIndex"/>; stateless, so it scales with the silos.</summary>
[GrainType("user-search")]
[StatelessWorker]
public sealed class UserSearchGrain(IUserIndex index) : Grain, IUserSearchGrain
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaxLimit = 200;

    public Task<UserPage> QueryAsync(UserQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Offset < 0) throw new InvalidInputException("offset", "Offset must not be negative.");
        if (query.Limit is < 1 or > MaxLimit) throw new InvalidInputException("limit", $"Limit must be between 1 and {MaxLimit}.");
        if (query.Role is { } role && !UserRoles.All.Contains(role)) throw new InvalidInputException("role", $"Unknown role '{role}'.");
        return index.QueryAsync(query);
    }
}
