using System.ComponentModel;

namespace Commerce.Runtime;

/// <summary>
/// Emitted by the generator on each assembly that declares grain interfaces or classes; points to
/// its <see cref="IGrainCodeRegistration"/>, so the runtime finds generated code without scanning types.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class GrainCodeRegistrationAttribute(Type registrationType) : Attribute
{
    public Type RegistrationType { get; } = registrationType;
}
