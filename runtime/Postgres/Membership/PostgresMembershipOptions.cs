namespace Commerce.Runtime.Postgres;

/// <summary>Settings of <see cref="PostgresMembershipTable"/>.</summary>
public sealed class PostgresMembershipOptions
{
    /// <summary>The Npgsql connection string of the database holding <c>membership</c>. Default: none; it must be set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Which cluster's rows this silo reads and writes; several clusters (or test runs) can share one
    /// database. Default: null, meaning the silo's <c>SiloOptions.ClusterId</c>.
    /// </summary>
    public string? ClusterId { get; set; }

    /// <summary>
    /// How long the notification listener waits before reconnecting after its connection failed.
    /// Default 1 s: reconnecting is cheap and views fall back to the periodic table refresh meanwhile.
    /// </summary>
    public TimeSpan NotificationReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After this long without a notification the listener reads the version with a query: a
    /// connection whose peer vanished without closing it would otherwise wait forever, and a lost
    /// notification is caught up. Default 30 s.
    /// </summary>
    public TimeSpan NotificationKeepAlivePeriod { get; set; } = TimeSpan.FromSeconds(30);
}
