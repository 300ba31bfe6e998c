using Commerce.Runtime;
using Commerce.Runtime.Tests.Grains;

namespace Commerce.Runtime.Tests.Networking;

public enum Shade : short
{
    Light = 1,
    Dark = -2,
}

public sealed record BasketLine(string Sku, int Quantity, decimal Price, string[] Tags);

public sealed record Basket(string Owner, IReadOnlyList<BasketLine> Lines, Dictionary<string, decimal> Totals, DateTimeOffset CreatedAt);

/// <summary>A grain interface whose methods carry the argument kinds the wire codec must get across.</summary>
public interface IWireProbeGrain : IGrainWithStringKey
{
    Task<Basket> EchoBasketAsync(Basket basket);

    Task<IEchoGrain?> EchoReferenceAsync(IEchoGrain? reference);

    Task<Shade?> EchoShadeAsync(Shade? shade);

    Task<string> DescribeAsync(Guid id, DateTime at, TimeSpan after, double ratio, byte[]? payload, long? quantity, GrainId owner);

    [OneWay]
    Task NotifyAsync(string text);
}
