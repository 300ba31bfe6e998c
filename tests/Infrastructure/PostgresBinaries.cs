namespace Commerce.Testing.Infrastructure;

/// <summary>
/// The PostgreSQL server programs a throwaway server needs. Debian installs them under
/// <c>/usr/lib/postgresql/&lt;major&gt;/bin</c> and puts none of them on PATH, so that folder is
/// searched first (highest major version wins); PATH is the fallback for other systems.
/// </summary>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public static PostgresBinaries Locate()
    {
        foreach (var bin in DebianBinFolders())
        {
            var initDb = Path.Combine(bin, "initdb");
            var pgCtl = Path.Combine(bin, "pg_ctl");
            if (IsExecutable(initDb) && IsExecutable(pgCtl)) return new PostgresBinaries(initDb, pgCtl);
        }

        var fromPath = (FindOnPath("initdb"), FindOnPath("pg_ctl"));
        if (fromPath is (string i, string p)) return new PostgresBinaries(i, p);

        throw new PostgresServerException(
            $"PostgreSQL server binaries (initdb, pg_ctl) were found neither under {DebianRoot}/<version>/bin nor on PATH. " +
            "Run scripts/test.sh, which installs PostgreSQL (apt-get install postgresql postgresql-contrib).");
    }

    private static IEnumerable<string> DebianBinFolders()
    {
        if (!Directory.Exists(DebianRoot)) return [];
        return Directory.EnumerateDirectories(DebianRoot)
            .Select(dir => (dir, version: decimal.TryParse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1m))
            .Where(x => x.version >= 0)
            .OrderByDescending(x => x.version)
            .Select(x => Path.Combine(x.dir, "bin"));
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(IsExecutable);

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
