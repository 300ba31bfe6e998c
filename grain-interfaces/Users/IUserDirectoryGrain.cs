namespace Commerce.GrainInterfaces.Users;

/// <summary>
/// Maps one normalized e-mail address (the key, see <see cref="UserEmail.Normalize"/>) to the user id
/// that owns it. One grain per address makes e-mails unique without a global lock.
/// </summary>
[Alias("commerce.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Claims the address for <paramref name="userId"/>: true if it is now (or already was) theirs.</summary>
    [Alias("ClaimAsync")]
    Task<bool> ClaimAsync(string userId);

    /// <summary>The owner's user id, or null when the address is free.</summary>
    [ReadOnly]
    [Alias("GetUserIdAsync")]
    Task<string?> GetUserIdAsync();

    /// <summary>Frees the address if <paramref name="userId"/> holds it (erasure, e-mail change).</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string userId);
}
