using Commerce.Runtime;

namespace Commerce.GrainInterfaces.Users;

/// <summary>Queries the user read model (admin user listing). Stateless: use key 0.</summary>
public interface IUserSearchGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<UserPage> QueryAsync(UserQuery query);
}
