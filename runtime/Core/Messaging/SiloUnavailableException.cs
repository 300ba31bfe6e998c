namespace Commerce.Runtime;

/// <summary>The silo that should run the call is shutting down or gone; the call may be retried.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
