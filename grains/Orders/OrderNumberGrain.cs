using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Orders;

/// <summary>
/// The day's order-number counter. The counter is written before a number is handed out, so a number is never
/// given twice even if the silo dies right after (a failed write leaves a gap, never a duplicate).
/// </summary>
[GrainType("order-number")]
public sealed class OrderNumberGrain([PersistentState("counter")] IPersistentState<OrderNumberState> state) : Grain, IOrderNumberGrain
{
    public async Task<string> NextAsync()
    {
        state.State.Last++;
        await state.WriteStateAsync();
        return Format(this.GetPrimaryKeyString(), state.State.Last);
    }

    /// <summary><c>CO-{day}-{n:000000}</c>; numbers past 999999 simply get longer.</summary>
    public static string Format(string day, long number) => $"CO-{day}-{number:D6}";

    /// <summary>The counter key of the UTC day of <paramref name="now"/>.</summary>
    public static string DayKey(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
