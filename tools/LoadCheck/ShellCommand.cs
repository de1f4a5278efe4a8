using System.Diagnostics;

namespace QuickImport.Tools.LoadCheck;

/// <summary>Runs one of the commands the script hands over (stop or start PostgreSQL), bounded in time.</summary>
internal static class ShellCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static async Task RunAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/bash", ["-c", command]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"could not run: {command}");
        using var timeout = new CancellationTokenSource(Limit);
        await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}");
        }
    }
}
