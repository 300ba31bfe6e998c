using System.Text.Json;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Users;

/// <summary>
/// One account. Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2-HMAC-SHA512, per-user salt); phone, addresses and payment tokens are encrypted by
/// <see cref="SensitiveDataProtector"/> before every write, so storage never holds them in plaintext.
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("account")] IPersistentState<UserState> state,
    IOptions<UserOptions> options,
    SensitiveDataProtector protector,
    IUserIndex index,
    TimeProvider clock) : Grain, IUserGrain
{
    private const string ErasedName = "Erased user";

    private readonly UserOptions _options = options.Value;
    private readonly PasswordHasher<UserState> _hasher = new(Options.Create(new PasswordHasherOptions { IterationCount = options.Value.PasswordHashIterations }));

    private string UserId => this.GetPrimaryKeyString();

    public async Task<UserProfile> RegisterAsync(UserRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (state.RecordExists) throw new ConflictException("already-registered", $"User '{UserId}' already exists.");
        var email = UserInputRules.Email(registration.Email);
        UserInputRules.Password(registration.Password, _options.MinPasswordLength);
        var displayName = UserInputRules.Text("displayName", registration.DisplayName, UserInputRules.MaxDisplayNameLength);
        var phone = UserInputRules.Phone("phone", registration.Phone);
        var roles = UserInputRules.Roles(registration.Roles);

        if (!await GrainFactory.GetGrain<IUserDirectoryGrain>(UserEmail.Normalize(email)).ClaimAsync(UserId))
            throw new ConflictException("email-taken", "An account with this e-mail address already exists.");

        var account = state.State;
        account.Email = email;
        account.DisplayName = displayName;
        account.ProtectedPhone = protector.ProtectOptional(phone);
        account.Roles = [.. roles];
        account.Status = UserStatus.Active;
        account.CreatedAt = clock.GetUtcNow();
        account.PasswordHash = _hasher.HashPassword(account, registration.Password);
        await SaveAsync();
        return Profile();
    }

    public Task<UserProfile> GetProfileAsync() => Task.FromResult(Profile());

    public async Task<UserProfile?> VerifyPasswordAsync(string password)
    {
        var account = state.State;
        if (!state.RecordExists || account.Status != UserStatus.Active || account.PasswordHash is null || string.IsNullOrEmpty(password)) return null;
        if (password.Length > UserInputRules.MaxPasswordLength) return null;
        var now = clock.GetUtcNow();
        if (account.LockedUntil is { } until && until > now) return null;

        var result = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= _options.MaxFailedSignIns)
            {
                account.LockedUntil = now + _options.LockoutDuration;
                account.FailedSignIns = 0;
            }

            await state.WriteStateAsync();
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded) account.PasswordHash = _hasher.HashPassword(account, password);
        if (account.FailedSignIns != 0 || account.LockedUntil is not null || result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.FailedSignIns = 0;
            account.LockedUntil = null;
            await state.WriteStateAsync();
        }

        return Profile();
    }

    public async Task ChangePasswordAsync(string currentPassword, string newPassword)
    {
        RequireActive();
        UserInputRules.Password(newPassword, _options.MinPasswordLength);
        if (await VerifyPasswordAsync(currentPassword) is null) throw new InvalidInputException("currentPassword", "The current password is wrong.");
        state.State.PasswordHash = _hasher.HashPassword(state.State, newPassword);
        await state.WriteStateAsync();
    }

    public async Task<UserProfile> UpdateProfileAsync(ProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        RequireActive();
        // Validate everything before changing anything: a refused update must leave the live state as stored.
        var displayName = update.DisplayName is null ? null : UserInputRules.Text("displayName", update.DisplayName, UserInputRules.MaxDisplayNameLength);
        var phone = update.Phone is null ? null : UserInputRules.Phone("phone", update.Phone);
        if (displayName is not null) state.State.DisplayName = displayName;
        if (update.Phone is not null) state.State.ProtectedPhone = protector.ProtectOptional(phone);
        await SaveAsync();
        return Profile();
    }

    public async Task<UserProfile> SetRolesAsync(IReadOnlyList<string> roles)
    {
        RequireExisting();
        if (state.State.Status == UserStatus.Erased) throw new ConflictException("account-erased", "An erased account has no roles.");
        state.State.Roles = [.. UserInputRules.Roles(roles)];
        await SaveAsync();
        return Profile();
    }

    public async Task<UserProfile> SetDisabledAsync(bool disabled)
    {
        RequireExisting();
        if (state.State.Status == UserStatus.Erased) throw new ConflictException("account-erased", "An erased account stays disabled.");
        state.State.Status = disabled ? UserStatus.Disabled : UserStatus.Active;
        await SaveAsync();
        return Profile();
    }

    public async Task<SavedAddress> AddAddressAsync(AddressInput address)
    {
        RequireActive();
        var valid = UserInputRules.Address(address);
        if (state.State.Addresses.Count >= _options.MaxAddresses) throw new ConflictException("too-many-addresses", $"At most {_options.MaxAddresses} addresses may be saved.");
        if (valid.IsDefault) ClearDefaultAddress();
        else if (state.State.Addresses.Count == 0) valid = valid with { IsDefault = true };
        var saved = new SavedAddress($"a{++state.State.NextId}", valid);
        state.State.Addresses.Add(new StoredAddress { Id = saved.AddressId, ProtectedAddress = protector.Protect(JsonSerializer.Serialize(valid)) });
        await state.WriteStateAsync();
        return saved;
    }

    public async Task RemoveAddressAsync(string addressId)
    {
        RequireActive();
        if (state.State.Addresses.RemoveAll(a => a.Id == addressId) == 0) throw new NotFoundException("address", addressId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SavedAddress>> GetAddressesAsync()
    {
        RequireExisting();
        return Task.FromResult(Addresses());
    }

    public async Task<SavedPaymentMethod> AddPaymentMethodAsync(PaymentMethodInput method)
    {
        RequireActive();
        var valid = UserInputRules.PaymentMethod(method);
        var methods = state.State.PaymentMethods;
        if (methods.Count >= _options.MaxPaymentMethods) throw new ConflictException("too-many-payment-methods", $"At most {_options.MaxPaymentMethods} payment methods may be saved.");
        var isDefault = valid.IsDefault || methods.Count == 0;
        if (isDefault) methods.ForEach(m => m.IsDefault = false);
        var stored = new StoredPaymentMethod
        {
            Id = $"pm{++state.State.NextId}", Kind = valid.Kind, ProtectedToken = protector.Protect(valid.Token), Brand = valid.Brand, Last4 = valid.Last4, IsDefault = isDefault,
        };
        methods.Add(stored);
        await state.WriteStateAsync();
        return ToPaymentMethod(stored);
    }

    public async Task RemovePaymentMethodAsync(string paymentMethodId)
    {
        RequireActive();
        if (state.State.PaymentMethods.RemoveAll(m => m.Id == paymentMethodId) == 0) throw new NotFoundException("paymentMethod", paymentMethodId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SavedPaymentMethod>> GetPaymentMethodsAsync()
    {
        RequireExisting();
        return Task.FromResult<IReadOnlyList<SavedPaymentMethod>>(state.State.PaymentMethods.Select(ToPaymentMethod).ToArray());
    }

    public Task<UserDataExport> ExportAsync()
    {
        RequireExisting();
        return Task.FromResult(new UserDataExport(Profile(), Addresses(), state.State.PaymentMethods.Select(ToPaymentMethod).ToArray(), clock.GetUtcNow()));
    }

    public async Task<UserProfile> EraseAsync()
    {
        RequireExisting();
        var account = state.State;
        if (account.Status == UserStatus.Erased) return Profile();
        await GrainFactory.GetGrain<IUserDirectoryGrain>(UserEmail.Normalize(account.Email)).ReleaseAsync(UserId);
        account.Email = $"erased-{UserId}@erased.invalid";
        account.DisplayName = ErasedName;
        account.ProtectedPhone = null;
        account.PasswordHash = null;
        account.Roles = [];
        account.Addresses.Clear();
        account.PaymentMethods.Clear();
        account.Status = UserStatus.Erased;
        await SaveAsync();
        return Profile();
    }

    /// <summary>Writes the state and then the listing row, so the listing never shows what storage does not hold.</summary>
    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        var account = state.State;
        await index.UpsertAsync(new UserSummary(UserId, account.Email, account.DisplayName, account.Roles.ToArray(), account.Status, account.CreatedAt));
    }

    private void ClearDefaultAddress()
    {
        foreach (var stored in state.State.Addresses)
        {
            var address = Decrypt(stored);
            if (address.IsDefault) stored.ProtectedAddress = protector.Protect(JsonSerializer.Serialize(address with { IsDefault = false }));
        }
    }

    private IReadOnlyList<SavedAddress> Addresses() => state.State.Addresses.Select(a => new SavedAddress(a.Id, Decrypt(a))).ToArray();

    private AddressInput Decrypt(StoredAddress stored) =>
        JsonSerializer.Deserialize<AddressInput>(protector.Unprotect(stored.ProtectedAddress)) ?? throw new InvalidOperationException($"Address {stored.Id} of {UserId} is empty.");

    private SavedPaymentMethod ToPaymentMethod(StoredPaymentMethod m) => new(m.Id, m.Kind, protector.Unprotect(m.ProtectedToken), m.Brand, m.Last4, m.IsDefault);

    private UserProfile Profile()
    {
        RequireExisting();
        var account = state.State;
        return new UserProfile(UserId, account.Email, account.DisplayName, protector.UnprotectOptional(account.ProtectedPhone), account.Roles.ToArray(), account.Status, account.CreatedAt);
    }

    private void RequireExisting()
    {
        if (!state.RecordExists) throw new NotFoundException("user", UserId);
    }

    private void RequireActive()
    {
        RequireExisting();
        if (state.State.Status != UserStatus.Active) throw new ConflictException("account-disabled", "The account is disabled.");
    }
}
