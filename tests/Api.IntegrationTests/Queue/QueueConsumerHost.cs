using System.Globalization;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Api.IntegrationTests.Infrastructure;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>An instance of the service consuming the test broker's queue, with deduplication on as in production.</summary>
public static class QueueConsumerHost
{
    /// <summary>How long a stopping instance waits for imports in flight: short, so a test can stop one mid-import.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    public static ApiInstance Start(RabbitMqBroker broker, params (string Key, string Value)[] settings) =>
        ApiInstance.With(
        [
            ("QuickImport:RabbitMq:Uri", broker.AmqpUri.ToString()),
            ("QuickImport:RabbitMq:ReconnectInterval", "00:00:00.5"),
            ("QuickImport:Deduplication:Enabled", "true"),
            ("QuickImport:ShutdownTimeout", ShutdownTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
            .. settings,
        ]);
}
