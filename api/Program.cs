using Commerce.Api;

// `dotnet run --project api` hosts an embedded silo (no database); with --postgres, --cluster-id and
// --service-id it is an Orleans client of that cluster. See ApiHostOptions.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.AddApplicationServices(args);
var app = builder.Build();
app.UseApplicationPipeline();
app.MapCommerceApi();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls) Console.WriteLine($"API listening on {address} (try {address}/swagger)");
});
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
