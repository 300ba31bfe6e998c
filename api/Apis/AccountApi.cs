using System.Security.Claims;
using Commerce.Api.Auditing;
using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Audit;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>The signed-in user's own account: profile, saved addresses and payment methods, privacy export and erasure.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/me").WithTags("Account").RequireAuthorization();
        me.MapGet("/", GetProfileAsync).WithName("GetMyProfile").WithSummary("The signed-in user's profile.");
        me.MapPatch("/", UpdateProfileAsync).WithName("UpdateMyProfile").WithSummary("Changes the display name or phone.");
        me.MapPost("/password", ChangePasswordAsync).WithName("ChangeMyPassword").WithSummary("Changes the password.");
        me.MapGet("/addresses", GetAddressesAsync).WithName("GetMyAddresses").WithSummary("Saved addresses.");
        me.MapPost("/addresses", AddAddressAsync).WithName("AddMyAddress").WithSummary("Saves an address (for one-click buy).");
        me.MapDelete("/addresses/{addressId}", RemoveAddressAsync).WithName("RemoveMyAddress").WithSummary("Removes a saved address.");
        me.MapGet("/payment-methods", GetPaymentMethodsAsync).WithName("GetMyPaymentMethods").WithSummary("Saved payment methods (gateway tokens).");
        me.MapPost("/payment-methods", AddPaymentMethodAsync).WithName("AddMyPaymentMethod").WithSummary("Saves a payment gateway token (for one-click buy).");
        me.MapDelete("/payment-methods/{paymentMethodId}", RemovePaymentMethodAsync).WithName("RemoveMyPaymentMethod").WithSummary("Removes a saved payment method.");
        me.MapGet("/export", ExportAsync).WithName("ExportMyData").WithSummary("Privacy export: everything held about the signed-in user, as JSON. Audited.");
        me.MapDelete("/", EraseAsync).WithName("EraseMyAccount").WithSummary("Privacy erasure: removes the personal data, disables the account and anonymizes its orders' shipping addresses. Audited.");
        return routes;
    }

    public sealed record ProfileUpdateRequest(string? DisplayName = null, string? Phone = null);

    public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

    public sealed record AddressRequest(
        string Label, string Recipient, string Line1, string City, string PostalCode, string Country,
        string? Line2 = null, string? Phone = null, bool IsDefault = false)
    {
        public AddressInput ToInput() => new(Label, Recipient, Line1, Line2, City, PostalCode, Country, Phone, IsDefault);
    }

    public sealed record PaymentMethodRequest(string Kind, string Token, string? Brand = null, string? Last4 = null, bool IsDefault = false);

    internal static async Task<Ok<UserProfile>> GetProfileAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(user.UserId()).GetProfileAsync());

    internal static async Task<Ok<UserProfile>> UpdateProfileAsync(ProfileUpdateRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(user.UserId()).UpdateProfileAsync(new ProfileUpdate(request.DisplayName, request.Phone)));

    internal static async Task<NoContent> ChangePasswordAsync(ChangePasswordRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(user.UserId()).ChangePasswordAsync(request.CurrentPassword, request.NewPassword);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<SavedAddress>>> GetAddressesAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(user.UserId()).GetAddressesAsync());

    internal static async Task<Created<SavedAddress>> AddAddressAsync(AddressRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var saved = await grains.GetGrain<IUserGrain>(user.UserId()).AddAddressAsync(request.ToInput());
        return TypedResults.Created($"/me/addresses/{saved.AddressId}", saved);
    }

    internal static async Task<NoContent> RemoveAddressAsync(string addressId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(user.UserId()).RemoveAddressAsync(Identifiers.RequireId("addressId", addressId));
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<SavedPaymentMethod>>> GetPaymentMethodsAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(user.UserId()).GetPaymentMethodsAsync());

    internal static async Task<Created<SavedPaymentMethod>> AddPaymentMethodAsync(PaymentMethodRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var saved = await grains.GetGrain<IUserGrain>(user.UserId())
            .AddPaymentMethodAsync(new PaymentMethodInput(request.Kind, request.Token, request.Brand, request.Last4, request.IsDefault));
        return TypedResults.Created($"/me/payment-methods/{saved.PaymentMethodId}", saved);
    }

    internal static async Task<NoContent> RemovePaymentMethodAsync(string paymentMethodId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(user.UserId()).RemovePaymentMethodAsync(Identifiers.RequireId("paymentMethodId", paymentMethodId));
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<PersonalDataExport>> ExportAsync(HttpContext http, IGrainFactory grains, ILogger<PersonalDataExport> logger)
    {
        var userId = http.User.UserId();
        var export = await PersonalDataExport.CollectAsync(grains, userId);
        await AuditTrail.RecordAsync(grains, logger, http, "ExportMyData", $"user/{userId}", AuditOutcomes.Succeeded, null);
        return TypedResults.Ok(export);
    }

    internal static async Task<NoContent> EraseAsync(HttpContext http, IGrainFactory grains, ILogger<PersonalDataExport> logger)
    {
        var userId = http.User.UserId();
        await PersonalDataExport.EraseAsync(grains, userId, Actors.Of(http.User));
        await AuditTrail.RecordAsync(grains, logger, http, "EraseMyAccount", $"user/{userId}", AuditOutcomes.Succeeded, null);
        return TypedResults.NoContent();
    }
}
