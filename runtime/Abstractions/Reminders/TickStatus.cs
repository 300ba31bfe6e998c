namespace Commerce.Runtime;

/// <summary>
/// When a reminder tick was due. Ticks lie on the grid <c>FirstTickTime + k * Period</c>; a grain
/// that must notice ticks missed while no silo could deliver them compares
/// <c>(CurrentTickTime - FirstTickTime) / Period</c> with the count it kept itself.
/// </summary>
/// <param name="FirstTickTime">The reminder's first tick (UTC): registration time plus its due time.</param>
/// <param name="Period">The time between ticks.</param>
/// <param name="CurrentTickTime">When this tick was delivered (UTC).</param>
public readonly record struct TickStatus(DateTime FirstTickTime, TimeSpan Period, DateTime CurrentTickTime);
