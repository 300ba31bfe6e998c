using Commerce.Grains.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Grains.Members;

/// <summary>Services of the member grain. Members convert money through the payment area's exchange rates.</summary>
public static class MemberServiceCollectionExtensions
{
    public static IServiceCollection AddMemberGrains(this IServiceCollection services)
    {
        services.AddPaymentGrains();
        services.AddOptions<MemberOptions>().BindConfiguration("Members");
        return services;
    }
}
