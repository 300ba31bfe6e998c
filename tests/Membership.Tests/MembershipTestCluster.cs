using System.Diagnostics;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>
/// Several membership services in one process over one membership table, probing each other
/// through a <see cref="FakeSiloNetwork"/> the test controls.
/// </summary>
public sealed class MembershipTestCluster : IAsyncDisposable
{
    private const string Host = "10.0.0.1";
    private const long FirstGeneration = 1_000;

    private readonly Func<IMembershipTable> _createTable;
    private readonly ITestOutputHelper _output;
    private readonly List<TestSilo> _silos = [];
    private readonly List<IMembershipTable> _tables = [];
    private int _nextPort = 11_111;
    private IMembershipTable? _testTable;

    /// <param name="createTable">A table instance for one silo; all over the same cluster's rows.</param>
    public MembershipTestCluster(ClusterMembershipOptions options, Func<IMembershipTable> createTable, ITestOutputHelper output)
    {
        Options = options;
        _createTable = createTable;
        _output = output;
    }

    public ClusterMembershipOptions Options { get; }

    public FakeSiloNetwork Network { get; } = new();

    public IReadOnlyList<TestSilo> Silos
    {
        get
        {
            lock (_silos) return _silos.ToList();
        }
    }

    /// <summary>A table instance for the test itself, to read or tamper with rows.</summary>
    public IMembershipTable Table => _testTable ??= CreateTable();

    /// <summary>A silo that has not joined yet; a new port unless one is given.</summary>
    public TestSilo CreateSilo(string name, int? port = null, long generation = FirstGeneration)
    {
        var address = new SiloAddress(Host, port ?? Interlocked.Increment(ref _nextPort), generation);
        var table = CreateTable();
        var service = new MembershipService(table, Network.ProberFor(address), Microsoft.Extensions.Options.Options.Create(Options),
            new TestOutputLogger<MembershipService>(_output, name));
        var silo = new TestSilo(name, address, service, table);
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    public async Task<TestSilo> StartSiloAsync(string name, int? port = null, long generation = FirstGeneration)
    {
        var silo = CreateSilo(name, port, generation);
        await silo.JoinAsync();
        return silo;
    }

    public async Task<TestSilo[]> StartSilosAsync(params string[] names)
    {
        var silos = new List<TestSilo>();
        foreach (var name in names) silos.Add(await StartSiloAsync(name));
        return [.. silos];
    }

    /// <summary>Kills a silo as kill -9 would: it answers no probe and writes nothing more.</summary>
    public async Task KillAsync(TestSilo silo)
    {
        Network.Silence(silo.Address);
        await silo.Service.DisposeAsync();
    }

    /// <summary>Polls <paramref name="condition"/> and returns how long it took to hold; fails after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                var views = string.Join(Environment.NewLine, Silos.Select(s => $"  {s.Name}: {s.View}"));
                throw new TimeoutException($"Not within {timeout}: {what}. Views:{Environment.NewLine}{views}");
            }
            await Task.Delay(10);
        }
        return Stopwatch.GetElapsedTime(started);
    }

    public Task<TimeSpan> WaitUntilAllSeeAsync(IEnumerable<TestSilo> observers, TestSilo silo, SiloStatus status, TimeSpan timeout)
    {
        var list = observers.ToList();
        return WaitUntilAsync(() => list.All(o => o.Sees(silo) == status), timeout,
            $"{string.Join(", ", list.Select(o => o.Name))} see {silo.Name} {status}");
    }

    public async Task<MembershipEntry?> ReadEntryAsync(TestSilo silo) =>
        (await Table.ReadAllAsync()).Find(silo.Address)?.Entry;

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos) await silo.Service.DisposeAsync();
        foreach (var table in _tables.Distinct()) if (table is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    private IMembershipTable CreateTable()
    {
        var table = _createTable();
        lock (_tables) _tables.Add(table);
        return table;
    }
}
