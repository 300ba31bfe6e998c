namespace Commerce.Payments.Tests;

/// <summary>A clock tests move by hand. Only "now" is faked; delays and timers still run in real time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
