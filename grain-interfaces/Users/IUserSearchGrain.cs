namespace Commerce.GrainInterfaces.Users;

/// <summary>Queries the user read model (admin user listing). Stateless: use key 0.</summary>
[Alias("commerce.IUserSearchGrain")]
public interface IUserSearchGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    [Alias("QueryAsync")]
    Task<UserPage> QueryAsync(UserQuery query);
}
