using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway node of the machine's own <c>rabbitmq-server</c> (Debian's package), run as a child
/// process with its own node name, AMQP and distribution ports on 127.0.0.1, and its database, logs
/// and Erlang cookie in a temporary directory; stopped and deleted on dispose. The Erlang port mapper
/// (epmd) is the machine's, shared by every node.
/// </summary>
internal sealed class LocalRabbitMqNode : IRabbitMqHost
{
    private const string DebianBinDirectory = "/usr/lib/rabbitmq/bin";
    private const int PortAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _binDirectory;
    private readonly string _root;
    private readonly string _nodeName;
    private Process? _process;
    private int _stopped;

    private LocalRabbitMqNode(string binDirectory, string root)
    {
        _binDirectory = binDirectory;
        _root = root;
        _nodeName = Path.GetFileName(root) + "@localhost";
    }

    public Uri AmqpUri { get; private set; } = null!;

    private string Server => Path.Combine(_binDirectory, "rabbitmq-server");

    private string Ctl => Path.Combine(_binDirectory, "rabbitmqctl");

    private string LogFile => Path.Combine(_root, "node.log");

    /// <summary>
    /// The directory of the real <c>rabbitmq-server</c> and <c>rabbitmqctl</c>, or null. Debian's
    /// <c>/usr/sbin</c> ones are wrappers that run them as the rabbitmq user with its shared cookie; the
    /// tests run them as themselves, with a cookie of their own.
    /// </summary>
    public static string? FindBinDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var candidates = new List<string> { DebianBinDirectory };
        if (ExternalCommand.FindOnPath("rabbitmq-server") is { } onPath)
        {
            var resolved = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
            candidates.Add(Path.GetDirectoryName(resolved)!);
        }

        return candidates.FirstOrDefault(directory =>
            ExternalCommand.IsExecutableFile(Path.Combine(directory, "rabbitmq-server"))
            && ExternalCommand.IsExecutableFile(Path.Combine(directory, "rabbitmqctl")));
    }

    public static async Task<LocalRabbitMqNode> StartAsync(string binDirectory, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), "quickimport-rabbitmq-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(root);

        // No plugins (no management UI): an empty list rather than Debian's enabled_plugins file.
        await File.WriteAllTextAsync(Path.Combine(root, "enabled_plugins"), "[].", ct);
        var node = new LocalRabbitMqNode(binDirectory, root);
        try
        {
            await node.StartNodeAsync(ct);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += node.OnProcessExit;
        return node;
    }

    public async Task ControlAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await RunCtlAsync(arguments, ControlTimeout, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {result.Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        if (_process is { HasExited: false })
        {
            var stop = await RunCtlAsync(["stop"], StopTimeout, CancellationToken.None);
            if (!stop.Succeeded)
            {
                RabbitMqBroker.Log($"rabbitmqctl stop failed (exit {stop.ExitCode}): {stop.Output}");
            }

            KillNode(StopTimeout);
        }

        _process?.Dispose();
        DeleteRoot();
    }

    private async Task StartNodeAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Find();
            var distributionPort = FreePort.Find();
            _process = StartServer(port, distributionPort);
            var ready = await AwaitStartupAsync(ct);
            if (ready.Succeeded)
            {
                AmqpUri = new Uri($"amqp://guest:guest@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
                RabbitMqBroker.Log($"RabbitMQ for tests: node {_nodeName} listening on 127.0.0.1:{port}");
                return;
            }

            KillNode(TimeSpan.Zero);
            var log = ReadLog();
            if (attempt < PortAttempts && log.Contains("eaddrinuse", StringComparison.Ordinal))
            {
                // Someone took a port between our probe and the node's bind; try others.
                continue;
            }

            throw new InvalidOperationException(
                $"rabbitmq-server did not start (rabbitmqctl await_startup exit {ready.ExitCode}):\n{ready.Output}\n--- {LogFile} ---\n{log}");
        }
    }

    // await_startup fails at once until the node has registered with epmd, then waits for it to boot.
    private async Task<CommandResult> AwaitStartupAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var ready = await RunCtlAsync(["await_startup", "--timeout", "60"], StartTimeout, ct);
            if (ready.Succeeded || _process!.HasExited || DateTime.UtcNow > deadline)
            {
                return ready;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private Process StartServer(int port, int distributionPort)
    {
        File.Delete(LogFile);
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = _root,
            ArgumentList = { "-c", "exec \"$0\" > \"$1\" 2>&1", Server, LogFile },
        };
        SetNodeEnvironment(startInfo.Environment);
        startInfo.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        startInfo.Environment["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia");
        startInfo.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log");
        startInfo.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins");
        startInfo.Environment["RABBITMQ_PID_FILE"] = Path.Combine(_root, "node.pid");

        // Nothing of the machine's own broker: no config file of its, and the distribution port on loopback only.
        startInfo.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_root, "rabbitmq");
        startInfo.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_root, "advanced.config");
        startInfo.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        return Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not run {Server}");
    }

    // The node and rabbitmqctl must share the Erlang cookie, which lives in $HOME: ours, not the user's.
    private void SetNodeEnvironment(IDictionary<string, string?> environment)
    {
        environment["HOME"] = _root;
        environment["RABBITMQ_NODENAME"] = _nodeName;
        environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
    }

    private async Task<CommandResult> RunCtlAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        // ExternalCommand passes its own environment on: the node's variables go in through env(1).
        var environment = new Dictionary<string, string?>();
        SetNodeEnvironment(environment);
        return await ExternalCommand.RunAsync(
            "env",
            [.. environment.Select(variable => $"{variable.Key}={variable.Value}"), Ctl, "-n", _nodeName, .. arguments],
            _root,
            timeout,
            ct);
    }

    private void KillNode(TimeSpan grace)
    {
        try
        {
            if (_process is { HasExited: false } process && !process.WaitForExit(grace))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    // Last resort when the run ends without DisposeAsync: leave no node behind.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        DeleteRoot();
    }

    private string ReadLog() => ServerDirectory.ReadLog(LogFile);

    private void DeleteRoot() => ServerDirectory.Delete(_root, RabbitMqBroker.Log);
}
