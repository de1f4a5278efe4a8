using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Deduplication;

/// <summary>
/// Tests on two instances of the API with deduplication on, started once for the fixture: they stand for
/// two instances behind one load balancer, sharing nothing but the database, and a repeat is sent to the other one.
/// </summary>
public abstract class TwoInstances
{
    // Fields, named as the tests read: first.SendAsync(...), then second.SendAsync(...).
    protected ApiInstance first = null!;
    protected ApiInstance second = null!;

    [OneTimeSetUp]
    public void StartInstances()
    {
        first = ApiInstance.WithDeduplication();
        second = ApiInstance.WithDeduplication();
    }

    [OneTimeTearDown]
    public async Task StopInstancesAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }
}
