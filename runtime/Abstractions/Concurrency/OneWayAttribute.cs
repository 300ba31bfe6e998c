namespace Commerce.Runtime;

/// <summary>
/// A fire-and-forget grain interface method: the caller's task completes as soon as the request is
/// sent, no response is returned and exceptions are only logged. The method must return
/// <see cref="Task"/> or <see cref="ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
