using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

/// <summary>
/// The API talks to the cluster through grain interfaces only: it may reference the grains assembly (through
/// silo/Composition, to co-host the embedded silo) but must not use any of its types, so that it runs as a plain
/// Orleans client and never needs the silos' secrets or services.
/// </summary>
public sealed class ApiDependencyTests
{
    private const string GrainsAssembly = "Commerce.Grains";

    [Fact]
    public void The_api_uses_no_type_of_the_grains_assembly()
    {
        var api = typeof(ApplicationServiceExtensions).Assembly;
        using var pe = new PEReader(File.OpenRead(api.Location));
        var metadata = pe.GetMetadataReader();

        var used = metadata.TypeReferences
            .Select(metadata.GetTypeReference)
            .Where(type => type.ResolutionScope.Kind == HandleKind.AssemblyReference
                && metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name) == GrainsAssembly)
            .Select(type => $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}");

        used.Should().BeEmpty("the API reaches the grains through grain interfaces and silo/Composition only");
        api.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain(GrainsAssembly);
    }
}
