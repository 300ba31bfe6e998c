using System.Collections.Concurrent;
using Commerce.GrainInterfaces.Users;

namespace Commerce.Grains.Users;

/// <summary>The user listing in process memory: the embedded default and in-process tests.</summary>
public sealed class MemoryUserIndex : IUserIndex
{
    private readonly ConcurrentDictionary<string, UserSummary> _users = new(StringComparer.Ordinal);

    public Task UpsertAsync(UserSummary user, CancellationToken cancellationToken = default)
    {
        _users[user.UserId] = user;
        return Task.CompletedTask;
    }

    public Task<UserPage> QueryAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        var matches = _users.Values
            .Where(u => query.EmailContains is null || u.Email.Contains(query.EmailContains, StringComparison.OrdinalIgnoreCase))
            .Where(u => query.Role is null || u.Roles.Contains(query.Role))
            .Where(u => query.Status is null || u.Status == query.Status)
            .OrderByDescending(u => u.CreatedAt).ThenBy(u => u.UserId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new UserPage(matches.Skip(query.Offset).Take(query.Limit).ToArray(), matches.Count));
    }
}
