using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;

namespace Commerce.Grains.Users;

/// <summary>Owner of one normalized e-mail address; turn-based, so two claims never both win.</summary>
[GrainType("user-directory")]
public sealed class UserDirectoryGrain([PersistentState("owner")] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    public async Task<bool> ClaimAsync(string userId)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new InvalidInputException("userId", "A user id is required.");
        if (state.State.UserId is { } owner) return owner == userId;
        state.State.UserId = userId;
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> GetUserIdAsync() => Task.FromResult(state.State.UserId);

    public async Task ReleaseAsync(string userId)
    {
        if (state.State.UserId != userId) return;
        await state.ClearStateAsync();
        state.State.UserId = null;
    }
}
