using System.Security.Claims;
using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Payments;
using Commerce.GrainInterfaces.Users;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commerce.Api.Apis;

/// <summary>
/// Checkout of the cart and one-click buy. Both need an <c>Idempotency-Key</c> header: a retried request
/// (a timeout, a double click) returns the same order instead of placing a second one.
/// </summary>
public static class CheckoutApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder routes)
    {
        var checkout = routes.MapGroup("/checkout").WithTags("Checkout").RequireAuthorization();
        checkout.MapPost("/", CheckoutAsync).WithName("Checkout")
            .WithSummary("Orders the cart's selected lines at the previewed total; pays at once when a payment is given.");
        checkout.MapPost("/buy-now", BuyNowAsync).WithName("BuyNow")
            .WithSummary("One-click buy of one SKU with a saved address and saved payment method (the defaults unless named).");
        return routes;
    }

    /// <summary>Either <c>addressId</c> (a saved address) or <c>address</c>; either <c>paymentMethodId</c> or <c>payment</c> (or neither: pay later).</summary>
    public sealed record CheckoutBody(
        Money ExpectedTotal, string? AddressId = null, ShippingAddress? Address = null, string? PaymentMethodId = null,
        PaymentSelection? Payment = null, int RedeemPoints = 0, bool AllowBackorder = false);

    public sealed record BuyNowBody(string Sku, int Quantity = 1, string? AddressId = null, string? PaymentMethodId = null, Money? ExpectedTotal = null);

    internal static async Task<Created<OrderSnapshot>> CheckoutAsync(
        CheckoutBody body, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user, IGrainFactory grains)
    {
        var key = Key(idempotencyKey);
        var userId = user.UserId();
        var account = grains.GetGrain<IUserGrain>(userId);
        var address = body.Address ?? await SavedAddressAsync(account, body.AddressId);
        var payment = body.Payment ?? (body.PaymentMethodId is null ? null : await SavedPaymentAsync(account, body.PaymentMethodId));
        var order = await grains.GetGrain<ICheckoutGrain>(CheckoutKeys.For(userId, key)).PlaceFromCartAsync(new CheckoutRequest(
            userId, address, body.ExpectedTotal, payment, Edge.Range("redeemPoints", body.RedeemPoints, 0, int.MaxValue), body.AllowBackorder));
        return TypedResults.Created($"/orders/{order.OrderId}", order);
    }

    internal static async Task<Created<OrderSnapshot>> BuyNowAsync(
        BuyNowBody body, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user, IGrainFactory grains)
    {
        var key = Key(idempotencyKey);
        var userId = user.UserId();
        var account = grains.GetGrain<IUserGrain>(userId);
        var address = await SavedAddressAsync(account, body.AddressId);
        var payment = await SavedPaymentAsync(account, body.PaymentMethodId);
        var order = await grains.GetGrain<ICheckoutGrain>(CheckoutKeys.For(userId, key)).BuyNowAsync(new BuyNowRequest(
            userId, Identifiers.RequireSku("sku", body.Sku), Quantities.RequireInRange("quantity", body.Quantity, 1, Quantities.MaxPerLine), address, payment, body.ExpectedTotal));
        return TypedResults.Created($"/orders/{order.OrderId}", order);
    }

    private static string Key(string? idempotencyKey)
    {
        if (!CheckoutKeys.IsValidIdempotencyKey(idempotencyKey))
            throw new InvalidInputException(IdempotencyHeader,
                $"An {IdempotencyHeader} header of {CheckoutKeys.MinIdempotencyKeyLength} to {CheckoutKeys.MaxIdempotencyKeyLength} letters, digits, '-' or '_' is required.");
        return idempotencyKey;
    }

    /// <summary>The saved address named (or the default one) as a shipping address; the phone falls back to the profile's.</summary>
    private static async Task<ShippingAddress> SavedAddressAsync(IUserGrain account, string? addressId)
    {
        var addresses = await account.GetAddressesAsync();
        var saved = (addressId is null ? addresses.FirstOrDefault(a => a.Address.IsDefault) ?? addresses.FirstOrDefault() : addresses.FirstOrDefault(a => a.AddressId == addressId))
            ?? throw new InvalidInputException("addressId", addressId is null ? "Save an address first, or send one." : $"No saved address '{addressId}'.");
        var a = saved.Address;
        var phone = a.Phone ?? (await account.GetProfileAsync()).Phone
            ?? throw new InvalidInputException("address.phone", "The carrier needs a phone number: add one to the address or the profile.");
        return new ShippingAddress(a.Recipient, phone, a.Line1, a.Line2, a.City, null, a.PostalCode, a.Country);
    }

    private static async Task<PaymentSelection> SavedPaymentAsync(IUserGrain account, string? paymentMethodId)
    {
        var methods = await account.GetPaymentMethodsAsync();
        var saved = (paymentMethodId is null ? methods.FirstOrDefault(m => m.IsDefault) ?? methods.FirstOrDefault() : methods.FirstOrDefault(m => m.PaymentMethodId == paymentMethodId))
            ?? throw new InvalidInputException("paymentMethodId", paymentMethodId is null ? "Save a payment method first." : $"No saved payment method '{paymentMethodId}'.");
        var kind = saved.Kind switch
        {
            "wallet" => PaymentMethodKind.Wallet,
            "bank" => PaymentMethodKind.BankTransfer,
            _ => PaymentMethodKind.Card,
        };
        return new PaymentSelection(kind, saved.Token);
    }
}
