using System.Diagnostics;
using System.Text;

namespace Commerce.Testing.Infrastructure;

/// <summary>
/// A real silo process (the product's silo executable) started by a test or benchmark, with its
/// output kept for diagnosis. <see cref="Kill"/> is kill -9; <see cref="StopAsync"/> is SIGTERM, a graceful stop.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>Silos still running, killed when the test process exits so that none outlives a test run.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<SiloProcess, bool> Running = new();

    static SiloProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var silo in Running.Keys) silo.Kill();
        };
    }

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(string name, Process process, int siloPort, int gatewayPort, int httpPort)
    {
        Name = name;
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    /// <summary>The process id, kept from the start so it is known after the process has exited.</summary>
    public int ProcessId { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? SafeExitCode(_process) : null;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the silo and waits until it is active in the cluster and serving.</summary>
    /// <param name="name">The silo's name.</param>
    /// <param name="clusterId">The cluster it joins.</param>
    /// <param name="postgres">The cluster's database.</param>
    /// <param name="grainAssembly">An extra assembly of grains the silo loads (test grains).</param>
    /// <param name="readyTimeout">How long to wait for it to be ready (default 60 s).</param>
    /// <param name="extraArguments">More command-line options for the silo.</param>
    public static async Task<SiloProcess> StartAsync(string name, string clusterId, string postgres, string grainAssembly, TimeSpan? readyTimeout = null, params string[] extraArguments)
    {
        var (siloPort, gatewayPort, httpPort) = (FreePorts.Take(), FreePorts.Take(), FreePorts.Take());
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     SiloExecutable, "--silo-name", name, "--cluster-id", clusterId, "--postgres", postgres,
                     "--silo-port", siloPort.ToString(), "--gateway-port", gatewayPort.ToString(), "--urls", $"http://127.0.0.1:{httpPort}",
                     "--grain-assembly", grainAssembly,
                 }.Concat(extraArguments))
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ";
        // Orleans' placement and directory lookups run through Polly pipelines that log every call at Information.
        start.Environment["Logging__LogLevel__Polly"] = "Warning";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, process, siloPort, gatewayPort, httpPort);
        process.OutputDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.Exited += (_, _) => silo._ready.TrySetException(new InvalidOperationException($"Silo {name} exited with code {SafeExitCode(process)} before it was ready:\n{silo.Output}"));
        process.Start();
        silo.ProcessId = process.Id;
        Running[silo] = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo._ready.Task.WaitAsync(readyTimeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            silo.Kill();
            throw new TimeoutException($"Silo {name} did not become ready:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>kill -9: no graceful anything.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Disposed already.
        }

        Running.TryRemove(this, out _);
    }

    /// <summary>SIGTERM, as an orchestrator stops a silo: the silo leaves the cluster gracefully.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var patience = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"Silo {Name} did not stop gracefully:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private void OnOutput(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains("Silo listening on", StringComparison.Ordinal)) _ready.TrySetResult();
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    /// <summary>The silo executable built with the same configuration (Debug or Release) as the calling assembly.</summary>
    private static string SiloExecutable => BuiltArtifact.PathOf("silo", "Commerce.Silo.dll");
}
