namespace Commerce.Runtime.Postgres;

/// <summary>Settings of the PostgreSQL reminder table.</summary>
public sealed class PostgresReminderOptions
{
    /// <summary>The Npgsql connection string of the database holding <c>reminders</c>. Default: none; it must be set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Which service's reminders this silo reads and writes; several services (or test clusters) can
    /// share one database. Default: null, meaning the silo's <c>SiloOptions.ClusterId</c>. Reminders
    /// are found by this value after a redeployment, so keep it stable across deployments.
    /// </summary>
    public string? ServiceId { get; set; }
}
