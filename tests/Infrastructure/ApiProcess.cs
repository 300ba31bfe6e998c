using System.Diagnostics;
using System.Text;
namespace Commerce.Testing.Infrastructure;

/// <summary>The API executable started as its own process, a cluster client of real silo processes.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static Task<ApiProcess> StartAsync(string postgres, string clusterId, params string[] settings) =>
        StartAsync(postgres, clusterId, new Dictionary<string, string>(), settings);

    /// <param name="postgres">The cluster's database.</param>
    /// <param name="clusterId">The cluster the API is a client of.</param>
    /// <param name="environment">Extra environment variables, e.g. a HOME of its own (no shared ~/.aspnet).</param>
    /// <param name="settings">More command-line options for the API.</param>
    public static async Task<ApiProcess> StartAsync(string postgres, string clusterId, IReadOnlyDictionary<string, string> environment, params string[] settings)
    {
        var port = FreePorts.Take();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        foreach (var argument in new[] { BuiltArtifact.PathOf("api", "Commerce.Api.dll"), "--postgres", postgres, "--cluster-id", clusterId, "--urls", BaseAddressOf(port) }
                     .Concat(settings))
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var api = new ApiProcess(process, port);
        process.OutputDataReceived += (_, e) => api.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => api.OnOutput(e.Data);
        process.Exited += (_, _) => api._ready.TrySetException(new InvalidOperationException($"The API exited before it was ready:\n{api.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await api._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await api.DisposeAsync();
            throw new TimeoutException($"The API did not become ready:\n{api.Output}");
        }

        return api;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnOutput(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains("API listening on", StringComparison.Ordinal)) _ready.TrySetResult();
    }

    private static string BaseAddressOf(int port) => $"http://127.0.0.1:{port}";
}
