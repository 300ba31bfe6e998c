using System.ComponentModel;

namespace Commerce.Runtime;

/// <summary>Implemented by the generated registration type of an assembly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainCodeRegistration
{
    void Register(IGrainCodeRegistry registry);
}
