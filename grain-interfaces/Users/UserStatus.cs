namespace Commerce.GrainInterfaces.Users;

public enum UserStatus
{
    Active,
    Disabled,

    /// <summary>Personal data removed on request; final.</summary>
    Erased,
}
