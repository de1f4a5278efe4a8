namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>A broker named by QUICKIMPORT_TEST_RABBITMQ; it outlives the run and is not the tests' to restart.</summary>
internal sealed class ConfiguredRabbitMqHost : IRabbitMqHost
{
    private ConfiguredRabbitMqHost(Uri amqpUri) => AmqpUri = amqpUri;

    public Uri AmqpUri { get; }

    public static ConfiguredRabbitMqHost Create(string uri, string variableName)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException(
                $"{variableName} is not an AMQP URI. Example: amqp://guest:guest@127.0.0.1:5672/");
        }

        RabbitMqBroker.Log($"RabbitMQ for tests: {variableName} ({parsed.Host}:{parsed.Port}{parsed.AbsolutePath})");
        return new ConfiguredRabbitMqHost(parsed);
    }

    public Task ControlAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        Assert.Ignore($"the broker of {RabbitMqBroker.UriVariable} is not the tests' own to control ({string.Join(' ', arguments)})");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
