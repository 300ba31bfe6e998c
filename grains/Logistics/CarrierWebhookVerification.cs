using Commerce.GrainInterfaces.Logistics;

namespace Commerce.Grains.Logistics;

/// <summary>The verdict on one webhook: accepted with its event, or refused with the reason.</summary>
public sealed record CarrierWebhookVerification(bool Accepted, string? Reason, CarrierEvent? Event)
{
    public static CarrierWebhookVerification Refuse(string reason) => new(false, reason, null);
}
