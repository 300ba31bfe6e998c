using System.Reflection;

namespace Commerce.Grains;

/// <summary>Where the commerce read models' schema migrations live, for <c>SchemaMigrator</c>.</summary>
public static class CommerceSchema
{
    /// <summary>The assembly whose embedded <c>Sql/NNN_name.sql</c> files migrate the read models.</summary>
    public static Assembly MigrationAssembly => typeof(CommerceSchema).Assembly;
}
