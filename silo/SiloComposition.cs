using System.Reflection;
using Commerce.Grains;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Hosting;

namespace Commerce.Silo;

/// <summary>Wires the silo's runtime, providers and grains from <see cref="SiloHostOptions"/>.</summary>
internal static class SiloComposition
{
    public static WebApplicationBuilder AddCommerceSilo(this WebApplicationBuilder builder, SiloHostOptions options)
    {
        builder.UseSilo(silo =>
        {
            silo.Configure<SiloOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                if (options.SiloName is not null) o.SiloName = options.SiloName;
            });
            if (options.GrainAssembly is not null) silo.AddGrainAssembly(Assembly.LoadFrom(options.GrainAssembly));
            silo.AddMemoryGrainStorage();
        });
        builder.Services.AddCommerceGrains();
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        return builder;
    }
}
