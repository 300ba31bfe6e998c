using Commerce.Silo;

// `dotnet run --project silo` runs the embedded default (one process, no database);
// `--postgres <connection string> --cluster-id <id>` joins a cluster. See SiloHostOptions.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddEnvironmentVariables("COMMERCE_");
builder.Configuration.AddCommandLine(args, SiloHostOptions.Switches.ToDictionary());
var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
if (options.Validate() is { } problem)
{
    Console.Error.WriteLine($"Invalid silo configuration: {problem}");
    return 2;
}

builder.AddCommerceSilo(options);
builder.Services.AddHealthChecks();
builder.Services.AddProblemDetails();

builder.AddCommerceMetrics("commerce-silo");

var app = builder.Build();
app.MapSiloEndpoints();
app.MapCommerceMetrics();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls) Console.WriteLine($"Silo listening on {address} (try {address}/products/sku-1/views)");
});
await app.RunAsync();
return 0;

