namespace Commerce.Postgres.Streams;

/// <summary>An event a consumer group gave up on, with why and after how many attempts.</summary>
/// <param name="ConsumerGroup">The group that failed to process it.</param>
/// <param name="Event">The event as it was in the log (kept here even after retention deletes it from the log).</param>
/// <param name="Error">What went wrong, as the consumer recorded it.</param>
/// <param name="Attempts">How many times the group gave up on it: the Orleans provider counts one per delivery window it gave up (Orleans retries within a window, see <see cref="PostgresStreamFailureHandler"/>), and one for an event it could not read.</param>
/// <param name="FailedAt">When it was last recorded.</param>
public sealed record StreamDeadLetter(string ConsumerGroup, StreamEvent Event, string Error, int Attempts, DateTimeOffset FailedAt);
