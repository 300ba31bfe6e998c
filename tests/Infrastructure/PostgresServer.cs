using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace Commerce.Testing.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for tests: its own data directory in a fresh temp folder, its own
/// free port on 127.0.0.1, trust authentication, stopped and deleted on dispose. Several can run
/// side by side (test assemblies run in parallel), and none collides with a server an earlier,
/// killed run left behind; those are stopped and removed by the next start.
/// </summary>
/// <example>
/// <code>
/// await using var server = await PostgresServer.StartAsync(cancellationToken);
/// var connectionString = await server.CreateDatabaseAsync("orders_test");
/// await using var dataSource = NpgsqlDataSource.Create(connectionString);
/// </code>
/// </example>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The OS account the server runs as when the tests run as root (created by Debian's package).</summary>
    private const string ServerOsUser = "postgres";

    /// <summary>The database superuser initdb creates; trust authentication means no password.</summary>
    private const string Superuser = "postgres";

    private const string TempFolderPrefix = "commerce-pg-";
    private const string OwnerPidFile = "owner.pid";

    /// <summary>Another process may take the free port between our probe and the server's bind; try again with a new one.</summary>
    private const int PortAttempts = 5;

    /// <summary>Generous: on a loaded 2-core CI machine initdb and start-up take seconds, not minutes.</summary>
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Durability stays on (fsync, synchronous commit) so tests measure and exercise what production
    /// runs; max_connections leaves room for many pooled data sources in one test assembly.
    /// </summary>
    private static readonly string[] ServerSettings =
    [
        "fsync=on",
        "synchronous_commit=on",
        "max_connections=300",
        "shared_buffers=256MB",
    ];

    private readonly PostgresBinaries _binaries;
    private readonly string _root;
    private readonly string? _runAs;
    private int _disposed;

    private PostgresServer(PostgresBinaries binaries, string root, string? runAs, int port)
    {
        _binaries = binaries;
        _root = root;
        _runAs = runAs;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Username = Superuser,
            Database = "postgres",
            // Npgsql prepares nothing unless asked; auto-preparing hot statements is what production uses.
            MaxAutoPrepare = 20,
            AutoPrepareMinUsages = 2,
        }.ConnectionString;
    }

    /// <summary>The TCP port on 127.0.0.1 the server listens on.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string for the <c>postgres</c> database as the superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>The folder holding the data directory, the socket and <see cref="LogFile"/>.</summary>
    public string RootDirectory => _root;

    /// <summary>The server's log; read it when a test fails for a reason the server knows.</summary>
    public string LogFile => LogFileIn(_root);

    private static string DataDirectoryIn(string root) => Path.Combine(root, "data");

    private static string SocketDirectoryIn(string root) => Path.Combine(root, "socket");

    private static string LogFileIn(string root) => Path.Combine(root, "server.log");

    /// <summary>
    /// Initializes a new cluster in a temp folder and starts it on a free port. Throws
    /// <see cref="PostgresServerException"/> when PostgreSQL is not installed or does not start.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate();
        var runAs = RunningAsRoot() ? ServerOsUser : null;
        if (runAs is not null && !OsUserExists(runAs))
        {
            throw new PostgresServerException(
                $"PostgreSQL refuses to run as root and there is no '{runAs}' OS user to run it as. " +
                "Run scripts/test.sh, which installs PostgreSQL (the Debian package creates that user).");
        }

        await ReapAbandonedServersAsync(binaries, runAs, cancellationToken).ConfigureAwait(false);

        var root = Directory.CreateTempSubdirectory(TempFolderPrefix).FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, OwnerPidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(SocketDirectoryIn(root));
            if (runAs is not null) await ChownAsync(root, runAs, cancellationToken).ConfigureAwait(false);

            await InitDbAsync(binaries, root, runAs, cancellationToken).ConfigureAwait(false);
            var port = await StartOnFreePortAsync(binaries, root, runAs, cancellationToken).ConfigureAwait(false);
            return new PostgresServer(binaries, root, runAs, port);
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Identifiers cannot be bound as parameters; quoting (with doubled quotes) is the safe form.
            await using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await StopAsync(_binaries, DataDirectoryIn(_root), _root, _runAs, "fast", CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(_root);
        }
    }

    public override string ToString() => $"PostgreSQL on 127.0.0.1:{Port} in {_root}";

    private static async Task InitDbAsync(PostgresBinaries binaries, string root, string? runAs, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(
            binaries.InitDb,
            [
                "--pgdata", DataDirectoryIn(root),
                "--username", Superuser,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                // The cluster is thrown away after the run; syncing initdb's files only costs time.
                // The server itself runs with fsync on.
                "--no-sync",
                "--no-instructions",
            ],
            root, runAs, ToolTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new PostgresServerException($"initdb failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }
    }

    /// <summary>Starts the server and returns the port it listens on.</summary>
    private static async Task<int> StartOnFreePortAsync(PostgresBinaries binaries, string root, string? runAs, CancellationToken cancellationToken)
    {
        var logFile = LogFileIn(root);
        string? lastFailure = null;
        for (var attempt = 1; attempt <= PortAttempts; attempt++)
        {
            var port = FreeLoopbackPort();
            var logOffset = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
            var options = string.Join(' ',
                [$"-p {port}", $"-k '{SocketDirectoryIn(root)}'", "-c listen_addresses=127.0.0.1", .. ServerSettings.Select(s => $"-c {s}")]);
            var result = await ProcessRunner.RunAsync(
                binaries.PgCtl,
                ["start", "--wait", $"--timeout={(int)ToolTimeout.TotalSeconds}", "--pgdata", DataDirectoryIn(root), "--log", logFile, "--options", options],
                root, runAs, ToolTimeout, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == 0) return port;

            var log = ReadLogFrom(logFile, logOffset);
            lastFailure = $"pg_ctl start failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}{Environment.NewLine}Server log:{Environment.NewLine}{log}";
            if (!PortTaken(log)) break;
        }
        throw new PostgresServerException(lastFailure ?? "pg_ctl start failed.");
    }

    private static bool PortTaken(string log) =>
        log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
        || log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
        || log.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase);

    private static string ReadLogFrom(string logFile, long offset)
    {
        if (!File.Exists(logFile)) return "(no log)";
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task StopAsync(PostgresBinaries binaries, string dataDirectory, string root, string? runAs, string mode, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "postmaster.pid"))) return;
        var result = await ProcessRunner.RunAsync(
            binaries.PgCtl,
            ["stop", "--wait", $"--timeout={(int)ToolTimeout.TotalSeconds}", "--pgdata", dataDirectory, "--mode", mode],
            root, runAs, ToolTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            throw new PostgresServerException($"pg_ctl stop failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }
    }

    /// <summary>
    /// A test process killed mid-run (kill -9, CI timeout) cannot stop its server. The next start
    /// stops and removes every server folder whose owning process is gone, so abandoned servers do
    /// not pile up across runs.
    /// </summary>
    private static async Task ReapAbandonedServersAsync(PostgresBinaries binaries, string? runAs, CancellationToken cancellationToken)
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), TempFolderPrefix + "*"))
        {
            string ownerText;
            try
            {
                ownerText = await File.ReadAllTextAsync(Path.Combine(root, OwnerPidFile), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Still being created, or another user's: not ours to judge.
                continue;
            }
            if (!int.TryParse(ownerText, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || ProcessIsAlive(owner)) continue;

            try
            {
                await StopAsync(binaries, DataDirectoryIn(root), Path.GetTempPath(), runAs, "immediate", cancellationToken).ConfigureAwait(false);
                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PostgresServerException)
            {
                // Reaping is housekeeping: a leftover we cannot remove must not stop this run's server.
                Trace.TraceWarning($"Could not remove abandoned PostgreSQL server folder {root}: {ex.Message}");
            }
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ChownAsync(string path, string user, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("chown", ["-R", $"{user}:", path], path, asUser: null, ToolTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) throw new PostgresServerException($"chown of {path} to {user} failed:{Environment.NewLine}{result.Output}");
    }

    private static bool OsUserExists(string user) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    private static bool RunningAsRoot() => !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
