using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Logistics;
using Commerce.Grains.Logistics;
using FluentAssertions;
using Microsoft.Extensions.Options;

namespace Commerce.Orders.Tests;

public sealed class CarrierWebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static CarrierWebhookVerifier Verifier(string secret = "the-shared-secret-of-at-least-32-chars", DateTimeOffset? now = null) =>
        new(Options.Create(new CarrierWebhookOptions { Secret = secret }), new FixedClock(now ?? Now));

    private static string Body() =>
        CarrierWebhookVerifier.Serialize(new CarrierEvent("evt-1", "SBX000000000001", CarrierEventKind.InTransit, Now, "Hub", null));

    [Fact]
    public void A_correctly_signed_webhook_is_accepted_with_its_event()
    {
        var body = Body();
        var result = Verifier().Verify(body, Verifier().Sign(body, Now));

        result.Accepted.Should().BeTrue();
        result.Event!.Kind.Should().Be(CarrierEventKind.InTransit);
        result.Event.TrackingNumber.Should().Be("SBX000000000001");
    }

    [Fact]
    public void A_webhook_signed_with_another_secret_is_refused()
    {
        var body = Body();
        var forged = Verifier("an-attackers-guess-of-the-secret-xxxxx").Sign(body, Now);

        Verifier().Verify(body, forged).Should().Be(CarrierWebhookVerification.Refuse("bad-signature"));
    }

    [Fact]
    public void An_altered_body_is_refused()
    {
        var body = Body();
        var signature = Verifier().Sign(body, Now);

        Verifier().Verify(body.Replace("InTransit", "Delivered", StringComparison.Ordinal), signature).Accepted.Should().BeFalse();
    }

    [Fact]
    public void A_replayed_old_webhook_is_refused()
    {
        var body = Body();
        var signature = Verifier().Sign(body, Now - TimeSpan.FromHours(1));

        Verifier().Verify(body, signature).Reason.Should().Be("stale-timestamp");
    }

    [Theory]
    [InlineData(null, "missing-signature")]
    [InlineData("", "missing-signature")]
    [InlineData("v1=abc", "malformed-signature")]
    [InlineData("t=123,v1=not-hex", "malformed-signature")]
    public void Unsigned_or_malformed_signatures_are_refused(string? header, string reason) =>
        Verifier().Verify(Body(), header).Reason.Should().Be(reason);

    [Fact]
    public async Task Carrier_events_are_recorded_once_and_tracking_shows_progress()
    {
        await using var shop = await OrdersCluster.StartAsync(carrier: c => c.StepDelay = TimeSpan.FromHours(1));
        var sku = await shop.ListedProductAsync();
        var order = await shop.PlaceAsync("u-track", [(sku, 1)]);
        await shop.Order(order.OrderId).PackAsync(OrdersCluster.Admin);
        var shipped = await shop.Order(order.OrderId).ShipAsync(OrdersCluster.Admin);
        var tracking = shipped.Shipment!.TrackingNumber;
        var shipment = shop.Grains.GetGrain<IShipmentGrain>(tracking);

        var pickedUp = new CarrierEvent("e1", tracking, CarrierEventKind.PickedUp, DateTimeOffset.UtcNow, "Origin", null);
        (await shipment.RecordCarrierEventAsync(pickedUp)).Should().BeTrue();
        (await shipment.RecordCarrierEventAsync(pickedUp)).Should().BeFalse();
        await shipment.RecordCarrierEventAsync(new CarrierEvent("e2", tracking, CarrierEventKind.InTransit, DateTimeOffset.UtcNow.AddSeconds(1), "Hub", null));
        var view = await shipment.GetTrackingAsync();

        view.Events.Should().HaveCount(2);
        view.Status.Should().Be(CarrierEventKind.InTransit);
        view.Steps.Select(s => s.Completed).Should().Equal(true, true, true, false, false);
        view.ProgressPercent.Should().Be(60);
        view.OrderId.Should().Be(order.OrderId);
    }

    [Fact]
    public async Task An_unknown_tracking_number_is_not_found()
    {
        await using var shop = await OrdersCluster.StartAsync();
        var track = () => shop.Grains.GetGrain<IShipmentGrain>("SBX-nope").GetTrackingAsync();

        await track.Should().ThrowAsync<NotFoundException>();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
