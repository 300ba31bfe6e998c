using System.Text;
using Commerce.Runtime.Registry;
using Commerce.Runtime.Tests.Grains;
using Commerce.Runtime.Tests.Networking;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Serialization;

public sealed class InterfaceIdTests
{
    [Fact]
    public void An_interface_id_is_the_fnv1a_hash_of_its_full_name_so_every_process_agrees_on_it()
    {
        var expected = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(typeof(IEchoGrain).FullName!)) expected = (expected ^ b) * 16777619u;

        TestServer.Registry.GetInterfaceId(typeof(IEchoGrain)).Should().Be(unchecked((int)expected));
        new GrainTypeRegistry().GetInterfaceId(typeof(IEchoGrain)).Should().Be(unchecked((int)expected));
    }

    [Fact]
    public void A_request_factory_is_found_by_interface_id_and_method_id()
    {
        var registry = TestServer.Registry;
        var id = registry.GetInterfaceId(typeof(IEchoGrain));
        var factories = Enumerable.Range(0, 32).Select(methodId =>
        {
            try
            {
                return registry.GetRequestFactory(id, methodId)();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }).OfType<Request>().ToArray();

        factories.Select(r => r.MethodName).Should().Contain(["EchoAsync", "AddAsync", "FailAsync"]);
        factories.Should().OnlyContain(r => r.InterfaceType == typeof(IEchoGrain));
        factories.Select((r, i) => r.MethodId == i).Should().AllBeEquivalentTo(true);
    }

    [Fact]
    public void An_unknown_interface_or_method_id_fails_with_a_clear_message()
    {
        var registry = TestServer.Registry;

        FluentActions.Invoking(() => registry.GetRequestFactory(12345, 0))
            .Should().Throw<InvalidOperationException>().WithMessage("*grain interface with wire id 12345 is registered*");
        FluentActions.Invoking(() => registry.GetRequestFactory(registry.GetInterfaceId(typeof(IEchoGrain)), 999))
            .Should().Throw<InvalidOperationException>().WithMessage("*IEchoGrain has no method with id 999*");
    }
}
