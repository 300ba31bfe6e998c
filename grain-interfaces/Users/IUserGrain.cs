namespace Commerce.GrainInterfaces.Users;

/// <summary>
/// One account, customer or staff, keyed by its user id. Holds the credentials (a salted password
/// hash), the profile, saved addresses and payment tokens for one-click buy; phone numbers, addresses
/// and payment tokens are encrypted in its persisted state. Validates every input itself.
/// </summary>
[Alias("commerce.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account: validates, claims the e-mail in the directory (409 <c>email-taken</c>) and
    /// stores a salted hash of the password. 409 <c>already-registered</c> when this id is taken.
    /// </summary>
    [Alias("RegisterAsync")]
    Task<UserProfile> RegisterAsync(UserRegistration registration);

    /// <summary>The profile; 404 when the account does not exist.</summary>
    [ReadOnly]
    [Alias("GetProfileAsync")]
    Task<UserProfile> GetProfileAsync();

    /// <summary>
    /// Checks a password. Returns the profile on success, null on a wrong password or an unknown,
    /// disabled, erased or locked-out account (the caller cannot tell which: no account probing).
    /// </summary>
    [Alias("VerifyPasswordAsync")]
    Task<UserProfile?> VerifyPasswordAsync(string password);

    [Alias("ChangePasswordAsync")]
    Task ChangePasswordAsync(string currentPassword, string newPassword);

    [Alias("UpdateProfileAsync")]
    Task<UserProfile> UpdateProfileAsync(ProfileUpdate update);

    /// <summary>Replaces the roles (see <see cref="UserRoles"/>); staff administration only.</summary>
    [Alias("SetRolesAsync")]
    Task<UserProfile> SetRolesAsync(IReadOnlyList<string> roles);

    /// <summary>Disables or re-enables sign-in. An erased account cannot be re-enabled.</summary>
    [Alias("SetDisabledAsync")]
    Task<UserProfile> SetDisabledAsync(bool disabled);

    [Alias("AddAddressAsync")]
    Task<SavedAddress> AddAddressAsync(AddressInput address);

    [Alias("RemoveAddressAsync")]
    Task RemoveAddressAsync(string addressId);

    [ReadOnly]
    [Alias("GetAddressesAsync")]
    Task<IReadOnlyList<SavedAddress>> GetAddressesAsync();

    [Alias("AddPaymentMethodAsync")]
    Task<SavedPaymentMethod> AddPaymentMethodAsync(PaymentMethodInput method);

    [Alias("RemovePaymentMethodAsync")]
    Task RemovePaymentMethodAsync(string paymentMethodId);

    [ReadOnly]
    [Alias("GetPaymentMethodsAsync")]
    Task<IReadOnlyList<SavedPaymentMethod>> GetPaymentMethodsAsync();

    /// <summary>Everything the account holds about its person, decrypted (privacy export).</summary>
    [ReadOnly]
    [Alias("ExportAsync")]
    Task<UserDataExport> ExportAsync();

    /// <summary>
    /// Privacy erasure: removes the personal data (e-mail, name, phone, addresses, payment tokens,
    /// password), releases the e-mail and disables sign-in for good. Idempotent.
    /// </summary>
    [Alias("EraseAsync")]
    Task<UserProfile> EraseAsync();
}
