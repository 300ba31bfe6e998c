namespace Commerce.GrainInterfaces.Notifications;

/// <summary>
/// A user's notifications (key = user id), kept for polling: the client passes the last sequence it saw and gets
/// what came after. Retention keeps the newest notifications up to a configured count.
/// </summary>
[Alias("commerce.INotificationOutboxGrain")]
public interface INotificationOutboxGrain : IGrainWithStringKey
{
    /// <summary>Appends a notification and returns its sequence; a repeated dedupe key returns the first one's sequence.</summary>
    [Alias("AppendAsync")]
    Task<long> AppendAsync(NotificationDraft draft);

    /// <summary>Up to <paramref name="max"/> (1..100) notifications with sequence greater than <paramref name="afterSequence"/> (0 for all), oldest first.</summary>
    [ReadOnly]
    [Alias("PollAsync")]
    Task<NotificationPage> PollAsync(long afterSequence, int max);
}
