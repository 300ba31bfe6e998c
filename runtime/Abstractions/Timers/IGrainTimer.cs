namespace Commerce.Runtime;

/// <summary>A timer owned by an activation; it stops when disposed or when the activation deactivates.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules the timer. <see cref="Timeout.InfiniteTimeSpan"/> as period makes it fire once.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
