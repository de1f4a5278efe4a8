namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>
/// One RabbitMQ broker for the test run, started the first time a test asks for it, on the first
/// available of: the one named by <c>QUICKIMPORT_TEST_RABBITMQ</c> (an AMQP URI), a Testcontainers
/// container when Docker answers, a throwaway node of the machine's <c>rabbitmq-server</c>.
/// </summary>
public sealed class RabbitMqBroker
{
    public const string UriVariable = "QUICKIMPORT_TEST_RABBITMQ";

    internal const string NoBrokerMessage =
        "No RabbitMQ for the tests: set QUICKIMPORT_TEST_RABBITMQ to an AMQP URI, start Docker, " +
        "or install RabbitMQ (Debian: apt-get install rabbitmq-server)";

    private static readonly Lock Gate = new();
    private static Task<IRabbitMqHost>? started;

    private readonly IRabbitMqHost _host;

    private RabbitMqBroker(IRabbitMqHost host) => _host = host;

    /// <summary>AMQP URI of the broker's default virtual host.</summary>
    public Uri AmqpUri => _host.AmqpUri;

    /// <summary>The run's broker, started on first use (most tests need none, and it takes seconds).</summary>
    public static async Task<RabbitMqBroker> SharedAsync()
    {
        lock (Gate)
        {
            started ??= StartHostAsync(CancellationToken.None);
        }

        return new RabbitMqBroker(await started);
    }

    /// <summary>Stops the run's broker if a test started it.</summary>
    public static async Task StopSharedAsync()
    {
        Task<IRabbitMqHost>? host;
        lock (Gate)
        {
            host = started;
            started = null;
        }

        if (host is { IsCompletedSuccessfully: true })
        {
            await host.Result.DisposeAsync();
        }
    }

    /// <summary>Stops and starts the broker's RabbitMQ application: every connection to it is closed, the durable queues and their messages stay.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await _host.ControlAsync(["stop_app"], ct);
        await _host.ControlAsync(["start_app"], ct);
        await _host.ControlAsync(["await_startup"], ct);
    }

    /// <summary>
    /// Raises (or clears) the broker's memory alarm: it stops reading from every connection that
    /// publishes, so publishes are never confirmed, while deliveries to consumers go on.
    /// </summary>
    public Task BlockPublishersAsync(bool blocked, CancellationToken ct = default) =>
        _host.ControlAsync(["set_vm_memory_high_watermark", blocked ? "0" : "0.4"], ct);

    internal static void Log(string message) => TestContext.Progress.WriteLine(message);

    private static async Task<IRabbitMqHost> StartHostAsync(CancellationToken ct)
    {
        var configured = Environment.GetEnvironmentVariable(UriVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return ConfiguredRabbitMqHost.Create(configured, UriVariable);
        }

        var binDirectory = LocalRabbitMqNode.FindBinDirectory();
        if (await DockerEngine.AnswersAsync(ct))
        {
            try
            {
                return await DockerRabbitMqHost.StartAsync(ct);
            }
            catch (Exception ex) when (binDirectory is not null && ex is not OperationCanceledException)
            {
                // Docker answers but cannot run the image (offline pull, no permission): local binaries still do.
                Log($"RabbitMQ for tests: Docker failed ({ex.GetType().Name}: {ex.Message}); using local binaries");
            }
        }

        if (binDirectory is not null)
        {
            return await LocalRabbitMqNode.StartAsync(binDirectory, ct);
        }

        throw new InvalidOperationException(NoBrokerMessage);
    }
}
