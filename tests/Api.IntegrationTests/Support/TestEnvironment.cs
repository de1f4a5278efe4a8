using QuickImport.Api.IntegrationTests.Infrastructure;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests;

/// <summary>
/// One PostgreSQL database and one API for the whole test run; each test makes its own account. The
/// queue tests' RabbitMQ broker starts when the first of them asks for it (<see cref="RabbitMqBroker"/>).
/// </summary>
[SetUpFixture]
public sealed class TestEnvironment
{
    private static PostgresServer? postgres;
    private static ApiInstance? api;

    public static ApiInstance Api => api ?? throw new InvalidOperationException("The test environment is not started.");

    public static string ConnectionString => postgres?.ConnectionString ?? throw new InvalidOperationException("The test environment is not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        postgres = await PostgresServer.StartAsync();
        api = ApiInstance.Start(ApiInstanceOptions.Default); // applies the migrations
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // First: a failure stopping what follows must not leave a RabbitMQ node running after the run.
        await RabbitMqBroker.StopSharedAsync();
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}
