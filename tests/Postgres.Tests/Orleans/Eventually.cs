namespace Commerce.Postgres.Tests.Orleans;

/// <summary>Polls for a condition that becomes true asynchronously (membership views, reminder ticks).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}; last seen: {value}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
