using System.Diagnostics;
using System.Text;

namespace Commerce.Testing.Infrastructure;

/// <summary>Runs a server program to completion and captures what it printed.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// Runs <paramref name="program"/>; when <paramref name="asUser"/> is set (PostgreSQL refuses to
    /// run as root) it runs through <c>runuser -u USER --</c>. The child is killed if it outlives
    /// <paramref name="timeout"/> so a wedged server tool fails the test instead of hanging it.
    /// </summary>
    public static async Task<Result> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, string? asUser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = asUser is null ? program : "runuser",
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            foreach (var a in (string[])["-u", asUser, "--", program]) start.ArgumentList.Add(a);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PostgresServerException($"Could not run {start.FileName}: {ex.Message}", ex);
        }
        process.StandardInput.Close();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new PostgresServerException($"{Describe(start)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        var output = new StringBuilder().Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false)).ToString();
        return new Result(process.ExitCode, output);
    }

    public static string Describe(ProcessStartInfo start) => string.Join(' ', [start.FileName, .. start.ArgumentList]);
}
