namespace Commerce.Runtime.Streams;

/// <summary>A stream event could not be handed to its consumer (no observer, or an undecodable payload).</summary>
public sealed class StreamDeliveryException(string message) : Exception(message);
