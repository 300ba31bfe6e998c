using Commerce.GrainInterfaces.Users;

namespace Commerce.Grains.Users;

/// <summary>The admin user listing read model, fed by <see cref="UserGrain"/>.</summary>
public interface IUserIndex
{
    Task UpsertAsync(UserSummary user, CancellationToken cancellationToken = default);

    Task<UserPage> QueryAsync(UserQuery query, CancellationToken cancellationToken = default);
}
