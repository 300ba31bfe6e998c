namespace Commerce.Runtime.Postgres;

/// <summary>
/// The reminder table could not be read or written: the database failed (unreachable, timed out,
/// schema missing). ETag conflicts are not this; the table reports them as results.
/// </summary>
public sealed class ReminderTableException : ReminderException
{
    public ReminderTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
