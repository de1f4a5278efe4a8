using Testcontainers.RabbitMq;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>A throwaway RabbitMQ container started through Testcontainers.</summary>
internal sealed class DockerRabbitMqHost : IRabbitMqHost
{
    private const string Image = "rabbitmq:3-alpine";
    private readonly RabbitMqContainer _container;

    private DockerRabbitMqHost(RabbitMqContainer container)
    {
        _container = container;
        AmqpUri = new Uri(container.GetConnectionString());
    }

    public Uri AmqpUri { get; }

    public static async Task<DockerRabbitMqHost> StartAsync(CancellationToken ct)
    {
        RabbitMqBroker.Log($"RabbitMQ for tests: Docker (Testcontainers, {Image})");
        var container = new RabbitMqBuilder(Image).Build();
        try
        {
            await container.StartAsync(ct);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }

        return new DockerRabbitMqHost(container);
    }

    // rabbitmqctl inside the container: stop_app and start_app keep its port mapping, which a container restart would not.
    public async Task ControlAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await _container.ExecAsync(["rabbitmqctl", .. arguments], ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {result.Stderr}");
        }
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
