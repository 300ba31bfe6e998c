using System.Reflection;

namespace Commerce.Runtime.Registry;

/// <summary>
/// Finds assemblies with generated grain code: those already loaded, and everything they reference
/// that is not part of the framework (an assembly is loaded lazily, so a silo whose code never
/// named a grain class yet would otherwise miss it).
/// </summary>
internal static class GrainAssemblyDiscovery
{
    public static IEnumerable<Assembly> Find()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>(AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic));
        var found = new List<Assembly>();
        while (pending.Count > 0)
        {
            var assembly = pending.Pop();
            if (!seen.Add(assembly.FullName!) || IsFramework(assembly.GetName())) continue;
            if (assembly.IsDefined(typeof(GrainCodeRegistrationAttribute))) found.Add(assembly);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (IsFramework(reference) || seen.Contains(reference.FullName)) continue;
                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    // A reference that is not deployed (e.g. a compile-time-only one) cannot hold grains we run.
                }
            }
        }

        return found;
    }

    private static bool IsFramework(AssemblyName name) =>
        name.Name is null
        || name.Name.StartsWith("System", StringComparison.Ordinal)
        || name.Name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name.Name.StartsWith("xunit", StringComparison.Ordinal)
        || name.Name is "netstandard" or "mscorlib" or "Npgsql" or "FluentAssertions";
}
