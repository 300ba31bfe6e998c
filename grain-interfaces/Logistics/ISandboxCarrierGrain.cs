namespace Commerce.GrainInterfaces.Logistics;

/// <summary>
/// SANDBOX: the simulated carrier's side of one parcel, keyed by tracking number. It plays the parcel's journey
/// (picked up, in transit, out for delivery, delivered, or an exception) with delays and sends each step as a
/// signed webhook. Not a real carrier.
/// </summary>
[Alias("commerce.ISandboxCarrierGrain")]
public interface ISandboxCarrierGrain : IGrainWithStringKey
{
    /// <summary>Starts the journey (idempotent); <paramref name="failAt"/> forces an exception at that step, null lets the sandbox's failure rate decide.</summary>
    [Alias("StartAsync")]
    Task StartAsync(CarrierEventKind? failAt);

    /// <summary>The events sent so far.</summary>
    [ReadOnly]
    [Alias("GetSentAsync")]
    Task<IReadOnlyList<CarrierEvent>> GetSentAsync();
}
