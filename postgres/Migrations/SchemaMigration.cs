namespace Commerce.Postgres.Migrations;

/// <summary>
/// One numbered schema change, shipped as <c>Migrations/Sql/NNN_name.sql</c>. Versions only grow;
/// an applied migration is never edited, a later one changes what it made.
/// </summary>
/// <param name="Version">The number the file name starts with; migrations apply in this order.</param>
/// <param name="Name">The rest of the file name, e.g. <c>grain_state</c>.</param>
/// <param name="Sql">The statements, run inside the migration transaction.</param>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    public override string ToString() => $"{Version:000}_{Name}";
}
