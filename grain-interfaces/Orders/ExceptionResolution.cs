namespace Commerce.GrainInterfaces.Orders;

/// <summary>An admin's decision on an exception order.</summary>
/// <param name="CorrectedAddress">Required for <see cref="ExceptionAction.FixAddress"/>.</param>
[GenerateSerializer, Immutable, Alias("commerce.ExceptionResolution")]
public sealed record ExceptionResolution(ExceptionAction Action, string Note, ShippingAddress? CorrectedAddress = null);
