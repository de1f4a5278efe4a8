using System.Diagnostics;
using System.Text;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>Runs a program to completion with a timeout, capturing stdout and stderr together.</summary>
internal static class ExternalCommand
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken ct)
    {
        var output = new StringBuilder();
        using var process = Start(fileName, arguments, workingDirectory, output);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"'{Describe(fileName, arguments)}' did not finish within {timeout.TotalSeconds:0} s. Output:\n{Snapshot(output)}");
        }

        return new CommandResult(process.ExitCode, Snapshot(output));
    }

    /// <summary>Blocking variant for places that cannot await, such as a process-exit handler.</summary>
    public static CommandResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var output = new StringBuilder();
        using var process = Start(fileName, arguments, workingDirectory, output);
        if (!process.WaitForExit(timeout))
        {
            Kill(process);
            return new CommandResult(-1, Snapshot(output));
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, Snapshot(output));
    }

    public static string Describe(string fileName, IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? fileName : $"{fileName} {string.Join(' ', arguments)}";

    /// <summary>Finds an executable by name on PATH, or returns null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>True for an executable regular file, or a symlink to one (a dangling link does not count).</summary>
    public static bool IsExecutableFile(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        }

        if (info is not { Exists: true })
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (info.UnixFileMode & anyExecute) != 0;
    }

    private static Process Start(string fileName, IReadOnlyList<string> arguments, string workingDirectory, StringBuilder output)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not run '{Describe(fileName, arguments)}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
