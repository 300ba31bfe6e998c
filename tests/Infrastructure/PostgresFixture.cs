using System.Collections.Concurrent;
using Xunit;

namespace Commerce.Testing.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server shared by the test classes of a collection. xunit only finds
/// collection definitions in the test assembly itself, so each test assembly declares one:
/// <code>
/// [CollectionDefinition(PostgresFixture.Collection)]
/// public sealed class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;
///
/// [Collection(PostgresFixture.Collection)]
/// public sealed class OrderStoreTests(PostgresFixture postgres) { ... }
/// </code>
/// Give each test that needs an empty schema its own database with <see cref="CreateDatabaseAsync"/>;
/// tests that only need distinct keys can share one with <see cref="GetOrCreateDatabaseAsync"/>
/// (creating a database costs a few hundred milliseconds with fsync on).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The collection name test classes join to share the server.</summary>
    public const string Collection = "PostgreSQL";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _shared = new(StringComparer.Ordinal);
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not been initialized.");

    /// <summary>Connection string for the server's <c>postgres</c> database.</summary>
    public string ConnectionString => Server.ConnectionString;

    /// <summary>Creates a fresh database named <paramref name="prefix"/> plus a unique suffix and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default) =>
        Server.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}", cancellationToken);

    /// <summary>
    /// Returns the connection string of the database <paramref name="name"/>, creating it on the first
    /// call; later calls (from any test class of the collection) get the same database.
    /// </summary>
    public Task<string> GetOrCreateDatabaseAsync(string name) =>
        _shared.GetOrAdd(name, n => new Lazy<Task<string>>(() => Server.CreateDatabaseAsync(n))).Value;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
    }
}
