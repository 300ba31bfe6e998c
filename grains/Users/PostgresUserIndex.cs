using Commerce.GrainInterfaces.Users;
using Npgsql;

namespace Commerce.Grains.Users;

/// <summary>The user listing in the <c>users</c> table (migration 400).</summary>
public sealed class PostgresUserIndex(NpgsqlDataSource dataSource) : IUserIndex
{
    private const string UpsertSql = """
        INSERT INTO users (user_id, email, display_name, roles, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
            roles = EXCLUDED.roles, status = EXCLUDED.status
        """;

    // Filters are parameters that are null when unused; ILIKE patterns escape the caller's wildcards.
    private const string QuerySql = """
        SELECT user_id, email, display_name, roles, status, created_at, count(*) OVER () AS total
        FROM users
        WHERE ($1::text IS NULL OR email ILIKE '%' || $1 || '%' ESCAPE '\')
          AND ($2::text IS NULL OR $2 = ANY (roles))
          AND ($3::smallint IS NULL OR status = $3)
        ORDER BY created_at DESC, user_id
        OFFSET $4 LIMIT $5
        """;

    public async Task UpsertAsync(UserSummary user, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.DisplayName });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = user.Roles.ToArray() });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)user.Status });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = user.CreatedAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<UserPage> QueryAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(QuerySql);
        command.Parameters.Add(new NpgsqlParameter { Value = query.EmailContains is null ? DBNull.Value : EscapeLike(query.EmailContains), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Role ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Status is { } s ? (short)s : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Offset });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        var items = new List<UserSummary>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new UserSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                (UserStatus)reader.GetInt16(4), reader.GetFieldValue<DateTimeOffset>(5)));
            total = (int)reader.GetInt64(6);
        }

        if (items.Count == 0 && query.Offset > 0) total = await CountAsync(query, cancellationToken);
        return new UserPage(items, total);
    }

    private async Task<int> CountAsync(UserQuery query, CancellationToken cancellationToken)
    {
        var page = await QueryAsync(query with { Offset = 0, Limit = 1 }, cancellationToken);
        return page.Total;
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
