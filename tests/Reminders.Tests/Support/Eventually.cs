namespace Commerce.Runtime.Reminders.Tests.Support;

/// <summary>Polls for a condition that asynchronous work will make true.</summary>
public static class Eventually
{
    /// <summary>Generous: the machines running the tests have two cores shared with builds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task HoldsAsync(Func<bool> condition, TimeSpan? timeout = null, string? waitingFor = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {waitingFor ?? "the condition"}.");
            await Task.Delay(10);
        }
    }
}
