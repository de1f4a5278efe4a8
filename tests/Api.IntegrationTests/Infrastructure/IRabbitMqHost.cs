namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>A running RabbitMQ broker the tests may publish to and consume from.</summary>
internal interface IRabbitMqHost : IAsyncDisposable
{
    /// <summary>AMQP URI of a user allowed to declare, publish and consume on its virtual host.</summary>
    Uri AmqpUri { get; }

    /// <summary>Runs <c>rabbitmqctl</c> against the broker (a restart, an alarm); fails when the broker is not the tests' own.</summary>
    Task ControlAsync(IReadOnlyList<string> arguments, CancellationToken ct);
}
