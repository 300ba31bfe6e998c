namespace Commerce.Grains.Users;

[GenerateSerializer, Alias("commerce.state.UserDirectoryState")]
public sealed class UserDirectoryState
{
    [Id(0)]
    public string? UserId { get; set; }
}
