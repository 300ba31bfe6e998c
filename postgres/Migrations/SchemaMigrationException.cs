namespace Commerce.Postgres.Migrations;

/// <summary>The schema could not be brought up to date; nothing of the failed run was committed.</summary>
public sealed class SchemaMigrationException : Exception
{
    public SchemaMigrationException(string message, SchemaMigration? migration, Exception innerException)
        : base(message, innerException)
    {
        Migration = migration;
    }

    /// <summary>The migration that failed, or null when the failure came before or after any migration ran.</summary>
    public SchemaMigration? Migration { get; }
}
