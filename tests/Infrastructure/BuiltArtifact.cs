namespace Commerce.Testing.Infrastructure;

/// <summary>Where the product's executables were built, for tests and benchmarks that start them as processes.</summary>
public static class BuiltArtifact
{
    /// <summary>
    /// <paramref name="file"/> in the build output of <paramref name="project"/> (a folder under the repository root),
    /// built with the same configuration (Debug or Release) as the calling assembly.
    /// </summary>
    public static string PathOf(string project, string file)
    {
        var here = AppContext.BaseDirectory; // <project>/bin/<Configuration>/net10.0/, one or two levels below the root
        var configuration = new DirectoryInfo(here).Parent!.Name;
        var root = new DirectoryInfo(here);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cluster.sln"))) root = root.Parent;
        if (root is null) throw new DirectoryNotFoundException($"No Cluster.sln above {here}.");
        var path = Path.Combine(root.FullName, project, "bin", configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first ({path} is missing).", path);
    }
}
