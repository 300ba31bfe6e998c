using Commerce.Runtime;

namespace Commerce.GrainInterfaces.Users;

/// <summary>
/// One account, customer or staff, keyed by its user id. Holds the credentials (a salted password
/// hash), the profile, saved addresses and payment tokens for one-click buy; phone numbers, addresses
/// and payment tokens are encrypted in its persisted state. Validates every input itself.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account: validates, claims the e-mail in the directory (409 <c>email-taken</c>) and
    /// stores a salted hash of the password. 409 <c>already-registered</c> when this id is taken.
    /// </summary>
    Task<UserProfile> RegisterAsync(UserRegistration registration);

    /// <summary>The profile; 404 when the account does not exist.</summary>
    [ReadOnly]
    Task<UserProfile> GetProfileAsync();

    /// <summary>
    /// Checks a password. Returns the profile on success, null on a wrong password or an unknown,
    /// disabled, erased or locked-out account (the caller cannot tell which: no account probing).
    /// </summary>
    Task<UserProfile?> VerifyPasswordAsync(string password);

    Task ChangePasswordAsync(string currentPassword, string newPassword);

    Task<UserProfile> UpdateProfileAsync(ProfileUpdate update);

    /// <summary>Replaces the roles (see <see cref="UserRoles"/>); staff administration only.</summary>
    Task<UserProfile> SetRolesAsync(IReadOnlyList<string> roles);

    /// <summary>Disables or re-enables sign-in. An erased account cannot be re-enabled.</summary>
    Task<UserProfile> SetDisabledAsync(bool disabled);

    Task<SavedAddress> AddAddressAsync(AddressInput address);

    Task RemoveAddressAsync(string addressId);

    [ReadOnly]
    Task<IReadOnlyList<SavedAddress>> GetAddressesAsync();

    Task<SavedPaymentMethod> AddPaymentMethodAsync(PaymentMethodInput method);

    Task RemovePaymentMethodAsync(string paymentMethodId);

    [ReadOnly]
    Task<IReadOnlyList<SavedPaymentMethod>> GetPaymentMethodsAsync();

    /// <summary>Everything the account holds about its person, decrypted (privacy export).</summary>
    [ReadOnly]
    Task<UserDataExport> ExportAsync();

    /// <summary>
    /// Privacy erasure: removes the personal data (e-mail, name, phone, addresses, payment tokens,
    /// password), releases the e-mail and disables sign-in for good. Idempotent.
    /// </summary>
    Task<UserProfile> EraseAsync();
}
