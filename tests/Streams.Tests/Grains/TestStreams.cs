namespace Commerce.Postgres.Streams.Tests.Grains;

/// <summary>The stream namespaces and provider of the provider tests.</summary>
public static class TestStreams
{
    /// <summary>The provider the test clusters register.</summary>
    public const string Provider = "durable";

    /// <summary>Every event on (clicks, key) reaches <see cref="ClickCounterGrain"/> key (implicit subscription).</summary>
    public const string Clicks = "clicks";

    /// <summary>No implicit subscriber: <see cref="FeedSubscriberGrain"/> subscribes explicitly.</summary>
    public const string Feed = "feed";
}
