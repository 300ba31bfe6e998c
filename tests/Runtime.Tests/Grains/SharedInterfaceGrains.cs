using Commerce.Runtime;

namespace Commerce.Runtime.Tests.Grains;

/// <summary>Implemented directly by two grain classes: reachable only through their own interfaces.</summary>
public interface ISharedGreeting : IGrainWithStringKey
{
    Task<string> GreetAsync();
}

public interface IEnglishGreetingGrain : IGrainWithStringKey
{
    Task<string> NameAsync();
}

[GrainType("test-greeting-en")]
public sealed class EnglishGreetingGrain : Grain, ISharedGreeting, IEnglishGreetingGrain
{
    public Task<string> GreetAsync() => Task.FromResult("hello");

    public Task<string> NameAsync() => Task.FromResult("english");
}

[GrainType("test-greeting-fr")]
public sealed class FrenchGreetingGrain : Grain, ISharedGreeting
{
    public Task<string> GreetAsync() => Task.FromResult("bonjour");
}
