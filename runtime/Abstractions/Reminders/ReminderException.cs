namespace Commerce.Runtime;

/// <summary>
/// A reminder operation was refused or failed: the grain class does not implement
/// <see cref="IRemindable"/>, no reminder service is configured, the reminder changed concurrently,
/// or (in a derived type of the table provider) the reminder table could not be reached.
/// </summary>
public class ReminderException : Exception
{
    public ReminderException(string message)
        : base(message)
    {
    }

    public ReminderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
