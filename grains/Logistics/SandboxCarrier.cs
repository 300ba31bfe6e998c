using System.Security.Cryptography;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Orders;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Logistics;

/// <summary>
/// SANDBOX carrier: not a real one. It behaves like one for development, demos and tests: books parcels with
/// tracking numbers (<c>SBX</c> + 12 digits), then plays each parcel's journey in a <see cref="ISandboxCarrierGrain"/>
/// (picked up, in transit, out for delivery, delivered; or an exception for <see cref="SandboxCarrierOptions.FailureRate"/>
/// of parcels) with delays, delivering every step as an HMAC-signed webhook that sometimes fails and is retried.
/// </summary>
public sealed class SandboxCarrier(IOptions<SandboxCarrierOptions> options) : ICarrierGateway
{
    public const string CarrierName = "sandbox";

    public string Name => CarrierName;

    public Task<string> CreateShipmentAsync(IGrainFactory grains, string orderId, ShippingAddress address) =>
        Task.FromResult($"SBX{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}");

    public Task DispatchAsync(IGrainFactory grains, string trackingNumber)
    {
        CarrierEventKind? failAt = Random.Shared.NextDouble() < options.Value.FailureRate
            ? (Random.Shared.Next(2) == 0 ? CarrierEventKind.InTransit : CarrierEventKind.OutForDelivery)
            : null;
        return grains.GetGrain<ISandboxCarrierGrain>(trackingNumber).StartAsync(failAt);
    }
}
