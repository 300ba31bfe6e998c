using Commerce.Grains;
using Commerce.Runtime.Hosting;
using Commerce.Silo;

// The embedded default: one process, in-memory storage, no database. `dotnet run --project silo`
var builder = WebApplication.CreateBuilder(args);
builder.UseSilo(silo => silo.AddMemoryGrainStorage());
builder.Services.AddCommerceGrains();
builder.Services.AddHealthChecks();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapSiloEndpoints();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls) Console.WriteLine($"Silo listening on {address} (try {address}/products/sku-1/views)");
});
app.Run();
