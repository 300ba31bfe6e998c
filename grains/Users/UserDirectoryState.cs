namespace Commerce.Grains.Users;

public sealed class UserDirectoryState
{
    public string? UserId { get; set; }
}
